import { setTimeout as sleep } from 'node:timers/promises';
import { defaultGrpcRetryOptions, GrpcRetryOptions } from '@temporalio/client';

/** The API's retries stay short: a caller waiting on a decision gets its 503 quickly. */
const MAX_RETRY_DELAY_MS = 1_000;

/**
 * The client's gRPC retry policy, made closable. The SDK schedules a retry on a timer that
 * outlives a cancelled call; if the connection closes before it fires, the retry throws
 * "Channel has been shut down" from the timer. So on shutdown we stop scheduling retries and
 * wait out the ones already scheduled before closing the connection.
 */
export class GrpcRetryTracker {
  private closed = false;
  private lastScheduledRetryAt = 0;

  options(): GrpcRetryOptions {
    const base = defaultGrpcRetryOptions();
    return {
      retryableDecider: (attempt, status) => !this.closed && base.retryableDecider(attempt, status),
      delayFunction: (attempt, status) => {
        const delay = Math.min(base.delayFunction(attempt, status), MAX_RETRY_DELAY_MS);
        this.lastScheduledRetryAt = Math.max(this.lastScheduledRetryAt, Date.now() + delay);
        return delay;
      },
    };
  }

  async drain(): Promise<void> {
    this.closed = true;
    const wait = this.lastScheduledRetryAt - Date.now();
    if (wait > 0) await sleep(wait + 50);
  }
}
