import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Runtime } from '@temporalio/worker';
import { InvalidConfigError, loadConfig } from '@app/config';
import { ArchiveSweeper } from './archive/archive-sweeper.service';
import { AuditCheckpointScheduler } from './audit-checkpoints/audit-checkpoint.scheduler';
import { NotificationDispatcher } from './notifications/notification-dispatcher.service';
import { TemporalWorkerService } from './temporal/temporal-worker.service';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  // Before any connection: the SDK's runtime metrics and the worker's own counters, on one
  // Prometheus listener of the SDK's (WORKER_METRICS_BIND_ADDRESS).
  if (config.WORKER_METRICS_BIND_ADDRESS) {
    Runtime.install({
      telemetryOptions: {
        metrics: {
          prometheus: {
            bindAddress: config.WORKER_METRICS_BIND_ADDRESS,
            countersTotalSuffix: true,
            useSecondsForDurations: true,
          },
        },
      },
    });
  }
  // No enableShutdownHooks(): Temporal's Runtime owns the signals and drains the worker.
  const app = await NestFactory.createApplicationContext(WorkerModule.forConfig(config));
  const dispatcher = app.get(NotificationDispatcher);
  dispatcher.start();
  const sweeper = app.get(ArchiveSweeper);
  sweeper.start();
  const checkpoints = app.get(AuditCheckpointScheduler);
  checkpoints.start();
  try {
    await app.get(TemporalWorkerService).run();
  } finally {
    // The worker drained: stop sending before the context closes the database pool.
    await dispatcher.stop();
    await sweeper.stop();
    await checkpoints.stop();
    await app.close();
  }
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof InvalidConfigError ? error.message : error);
  process.exit(1);
});
