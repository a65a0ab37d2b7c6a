import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { AuditCheckpointView, signAuditCheckpoint } from '@app/persistence';
import { PeriodicTask } from '../common/periodic-task';

/**
 * Signs the audit chain's head every AUDIT_CHECKPOINT_INTERVAL_MS when it moved since the last
 * checkpoint. Without AUDIT_SIGNING_KEY it does nothing (and says so once).
 */
@Injectable()
export class AuditCheckpointScheduler {
  private readonly logger = new Logger(AuditCheckpointScheduler.name);
  private readonly loop: PeriodicTask<AuditCheckpointView | null>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {
    this.loop = new PeriodicTask(
      'audit checkpoint',
      config.AUDIT_CHECKPOINT_INTERVAL_MS,
      () => this.signIfAdvanced(),
      this.logger,
      (checkpoint) => {
        if (checkpoint) this.logger.log(`signed audit checkpoint at seq ${checkpoint.seq}`);
      },
    );
  }

  start(): void {
    if (!this.config.auditSigningKey) {
      this.logger.warn('AUDIT_SIGNING_KEY is not set: no audit checkpoints are signed');
      return;
    }
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** One pass: a new checkpoint if the head moved, else null. */
  checkpointOnce(): Promise<AuditCheckpointView | null> {
    return this.loop.runOnce();
  }

  private signIfAdvanced(): Promise<AuditCheckpointView | null> {
    const key = this.config.auditSigningKey;
    return key
      ? signAuditCheckpoint(this.dataSource, key, { onlyIfAdvanced: true })
      : Promise.resolve(null);
  }
}
