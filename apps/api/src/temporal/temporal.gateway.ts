import { Inject, Injectable } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { AppConfig } from '@app/config';
import { ApiMetrics } from '../metrics/api-metrics';
import { TEMPORAL_CONNECTION } from './temporal.tokens';

/**
 * Runs Temporal calls under the configured deadline. Without one, `executeUpdate` keeps
 * polling and a query waits for a worker indefinitely; with it, the caller gets a 503 saying
 * the outcome is unknown (the exception filter maps the deadline error).
 */
@Injectable()
export class TemporalGateway {
  constructor(
    readonly client: Client,
    @Inject(TEMPORAL_CONNECTION) private readonly connection: Connection,
    private readonly config: AppConfig,
    private readonly metrics: ApiMetrics,
  ) {}

  async call<T>(
    fn: (client: Client) => Promise<T>,
    deadlineMs = this.config.TEMPORAL_CALL_DEADLINE_MS,
  ): Promise<T> {
    const deadline = Date.now() + deadlineMs;
    const timer = this.metrics.temporalCalls.startTimer();
    try {
      const answer = await this.client.withDeadline(deadline, () => fn(this.client));
      timer({ outcome: 'ok' });
      return answer;
    } catch (error) {
      timer({ outcome: Date.now() >= deadline ? 'deadline' : 'failed' });
      throw error;
    }
  }

  /**
   * Answers quickly whether the frontend is reachable; used by readiness. The abort signal also
   * stops the client's own retries, which a deadline alone leaves scheduled.
   */
  async ping(timeoutMs: number): Promise<void> {
    const abort = new AbortController();
    const timer = setTimeout(
      () => abort.abort(new Error(`no answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    try {
      await this.connection.withAbortSignal(abort.signal, () =>
        this.connection.withDeadline(Date.now() + timeoutMs, () =>
          this.connection.workflowService.getSystemInfo({}),
        ),
      );
    } finally {
      clearTimeout(timer);
      abort.abort();
    }
  }
}
