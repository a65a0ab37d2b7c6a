import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { InvalidConfigError, loadConfig } from '@app/config';
import { ArchiveSweeper } from './archive/archive-sweeper.service';
import { AuditCheckpointScheduler } from './audit-checkpoints/audit-checkpoint.scheduler';
import { NotificationDispatcher } from './notifications/notification-dispatcher.service';
import { SubmissionReconciler } from './submissions/submission-reconciler.service';
import { TemporalWorkerService } from './temporal/temporal-worker.service';
import { installWorkerLogger } from './log-redaction';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  installWorkerLogger();
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
