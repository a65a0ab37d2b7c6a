import { ReplayResult, ReplayWorkerOptions, Worker } from '@temporalio/worker';
import type { History } from './project-runs.service';

interface PendingReplay {
  workflowId: string;
  history: History;
  resolve: (result: ReplayResult) => void;
  reject: (error: unknown) => void;
}

/**
 * One replay worker kept running between checks. Starting a replay worker (loading the workflow
 * bundle into a fresh context, the native worker's start and stop) costs far more than
 * replaying a project's history, so every replay goes through one long-lived
 * `Worker.runReplayHistories` fed from a queue. It stops after `idleMs` without work (freeing its
 * memory) and starts again on the next replay. The SDK replays one history at a time, in the
 * order given, so results come back in the queue's order.
 */
export class WarmReplayer {
  private session: ReplaySession | undefined;

  constructor(
    private readonly options: () => Promise<ReplayWorkerOptions>,
    private readonly idleMs = 60_000,
  ) {}

  replay(workflowId: string, history: History): Promise<ReplayResult> {
    if (!this.session || this.session.closed) {
      const session = new ReplaySession(this.options, this.idleMs, () => {
        if (this.session === session) this.session = undefined;
      });
      this.session = session;
    }
    return this.session.replay(workflowId, history);
  }

  /** Stops the replay worker once the replays already queued are done. */
  async close(): Promise<void> {
    await this.session?.close();
    this.session = undefined;
  }
}

class ReplaySession {
  closed = false;
  private readonly queue: PendingReplay[] = [];
  /** The replay whose history the worker is replaying, answered by the next result. */
  private current: PendingReplay | undefined;
  private wakeInput: (() => void) | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly finished: Promise<void>;

  constructor(
    options: () => Promise<ReplayWorkerOptions>,
    private readonly idleMs: number,
    private readonly onEnd: () => void,
  ) {
    this.finished = this.run(options);
  }

  replay(workflowId: string, history: History): Promise<ReplayResult> {
    return new Promise<ReplayResult>((resolve, reject) => {
      this.queue.push({ workflowId, history, resolve, reject });
      this.clearIdleTimer();
      this.wakeInput?.();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.clearIdleTimer();
    this.wakeInput?.();
    await this.finished;
  }

  private async run(options: () => Promise<ReplayWorkerOptions>): Promise<void> {
    // What the replays still waiting are told when the worker ends: its failure, or (queued
    // after the input ended, a race with the idle stop) to retry rather than hang.
    let failure: unknown = new Error('the replay worker stopped; retry the replay');
    try {
      const results = Worker.runReplayHistories(await options(), this.histories());
      for await (const result of results) {
        this.current?.resolve(result);
        this.current = undefined;
      }
    } catch (error) {
      failure = error;
    } finally {
      this.closed = true;
      this.clearIdleTimer();
      this.onEnd();
      for (const pending of [this.current, ...this.queue.splice(0)]) pending?.reject(failure);
      this.current = undefined;
    }
  }

  /** The worker's input: queued histories as they come, ending when the session closes. */
  private async *histories(): AsyncGenerator<{ workflowId: string; history: History }> {
    for (;;) {
      const next = this.queue.shift();
      if (next) {
        this.current = next;
        yield { workflowId: next.workflowId, history: next.history };
        continue;
      }
      if (this.closed) return;
      this.armIdleTimer();
      await new Promise<void>((resolve) => (this.wakeInput = resolve));
      this.wakeInput = undefined;
    }
  }

  private armIdleTimer(): void {
    this.clearIdleTimer();
    this.idleTimer = setTimeout(() => {
      this.closed = true;
      this.wakeInput?.();
    }, this.idleMs);
    this.idleTimer.unref();
  }

  private clearIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }
}
