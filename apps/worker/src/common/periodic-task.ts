import { Logger } from '@nestjs/common';
import { describeError } from './describe-error';

/**
 * A pass that runs every `intervalMs` after the previous one ended (never two at once) until
 * stopped, plus `runOnce()` for a pass now, queued behind the one in progress. The worker's
 * background loops (email dispatch, archive sweep, audit checkpoints) are each one of these.
 */
export class PeriodicTask<T> {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private currentPass: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly what: string,
    private readonly intervalMs: number,
    private readonly pass: () => Promise<T>,
    private readonly logger: Logger,
    private readonly report: (result: T) => void = () => undefined,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule();
  }

  /** Stops the loop and waits for the pass in progress, so none is left half done. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.currentPass;
  }

  runOnce(): Promise<T> {
    return this.runAfterCurrent(this.pass);
  }

  /** Runs another kind of pass (e.g. narrowed to one item), never beside a regular one. */
  runAfterCurrent<R>(pass: () => Promise<R>): Promise<R> {
    const run = this.currentPass.then(pass);
    this.currentPass = run.catch(() => undefined);
    return run;
  }

  private schedule(): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.runOnce()
        .then((result) => this.report(result))
        .catch((error: unknown) =>
          this.logger.error(`${this.what} failed: ${describeError(error)}`),
        )
        .finally(() => this.schedule());
    }, this.intervalMs);
    // The Temporal worker keeps the process alive; this timer must not hold it after shutdown.
    this.timer.unref();
  }
}
