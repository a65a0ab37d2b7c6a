import { Module } from '@nestjs/common';
import { AuditCheckpointScheduler } from './audit-checkpoint.scheduler';

/** Interval signing of the audit chain's head; the worker's main starts and stops it. */
@Module({
  providers: [AuditCheckpointScheduler],
  exports: [AuditCheckpointScheduler],
})
export class AuditCheckpointsModule {}
