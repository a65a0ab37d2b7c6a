import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { InvalidConfigError, loadConfig } from '@app/config';
import { ArchiveSweeper } from './archive/archive-sweeper.service';
import { AuditCheckpointScheduler } from './audit-checkpoints/audit-checkpoint.scheduler';
import { NotificationDispatcher } from './notifications/notification-dispatcher.service';
import { SubmissionReconciler } from './submissions/submission-reconciler.service';
import { TemporalWorkerService } from './temporal/temporal-worker.service';
import { installWorkerRuntime } from './log-redaction';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  // Before any connection: Temporal's logs through the cleaning of log-redaction.ts, and with
  // WORKER_METRICS_BIND_ADDRESS the SDK's runtime metrics and the worker's own counters on one
  // Prometheus listener of the SDK's.
  installWorkerRuntime(config.WORKER_METRICS_BIND_ADDRESS);
  // No enableShutdownHooks(): Temporal's Runtime owns the signals and drains the worker.
  const app = await NestFactory.createApplicationContext(WorkerModule.forConfig(config));
  const dispatcher = app.get(NotificationDispatcher);
  dispatcher.start();
  const sweeper = app.get(ArchiveSweeper);
  sweeper.start();
  const checkpoints = app.get(AuditCheckpointScheduler);
  checkpoints.start();
  const submissions = app.get(SubmissionReconciler);
  submissions.start();
  try {
    await app.get(TemporalWorkerService).run();
  } finally {
    // The worker drained: stop sending before the context closes the database pool.
    await dispatcher.stop();
    await sweeper.stop();
    await checkpoints.stop();
    await submissions.stop();
    await app.close();
  }
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof InvalidConfigError ? error.message : error);
  process.exit(1);
});
