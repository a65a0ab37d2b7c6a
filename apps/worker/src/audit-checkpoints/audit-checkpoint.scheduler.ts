import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { AuditCheckpointView, signAuditCheckpoint } from '@app/persistence';

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Signs the audit chain's head every AUDIT_CHECKPOINT_INTERVAL_MS when it moved since the last
 * checkpoint. Without AUDIT_SIGNING_KEY it does nothing (and says so once).
 */
@Injectable()
export class AuditCheckpointScheduler {
  private readonly logger = new Logger(AuditCheckpointScheduler.name);
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private currentPass: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  start(): void {
    if (this.running) return;
    if (!this.config.auditSigningKey) {
      this.logger.warn('AUDIT_SIGNING_KEY is not set: no audit checkpoints are signed');
      return;
    }
    this.running = true;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.currentPass;
  }

  /** One pass: a new checkpoint if the head moved, else null. */
  checkpointOnce(): Promise<AuditCheckpointView | null> {
    const key = this.config.auditSigningKey;
    const pass = this.currentPass.then(() =>
      key ? signAuditCheckpoint(this.dataSource, key, { onlyIfAdvanced: true }) : null,
    );
    this.currentPass = pass.catch(() => undefined);
    return pass;
  }

  private schedule(): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.checkpointOnce()
        .then((checkpoint) => {
          if (checkpoint) this.logger.log(`signed audit checkpoint at seq ${checkpoint.seq}`);
        })
        .catch((error: unknown) => this.logger.error(`audit checkpoint failed: ${describe(error)}`))
        .finally(() => this.schedule());
    }, this.config.AUDIT_CHECKPOINT_INTERVAL_MS);
    this.timer.unref();
  }
}
