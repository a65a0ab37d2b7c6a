import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { InvalidConfigError, loadConfig } from '@app/config';
import { TemporalWorkerService } from './temporal/temporal-worker.service';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  // No enableShutdownHooks(): Temporal's Runtime owns the signals and drains the worker.
  const app = await NestFactory.createApplicationContext(WorkerModule.forConfig(config));
  try {
    await app.get(TemporalWorkerService).run();
  } finally {
    await app.close();
  }
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof InvalidConfigError ? error.message : error);
  process.exit(1);
});
