import { ConsoleLogger, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Test, TestingModuleBuilder } from '@nestjs/testing';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import { AppConfig } from '@app/config';
import { temporalConnectionOptions } from '@app/temporal-connection';
import { installWorkerRuntime } from '../../apps/worker/src/log-redaction';
import { TemporalWorkerService } from '../../apps/worker/src/temporal/temporal-worker.service';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import {
  quietBundlerLogger,
  workflowBundleOptions,
} from '../../infra/build/workflow-bundle.options';

let bundle: Promise<{ code: string }> | undefined;

/** The workflow bundle, made once per test file (each file has its own module registry). */
export function testWorkflowBundle(): Promise<{ code: string }> {
  bundle ??= bundleWorkflowCode({ ...workflowBundleOptions(), logger: quietBundlerLogger });
  return bundle;
}

/**
 * Warnings and errors only (the SDK logs every worker state change at INFO), through the same
 * cleaning as the production worker, so an activity's failure never prints SQL parameters.
 */
function quietRuntime(): void {
  try {
    installWorkerRuntime('', 'WARN');
  } catch {
    // Already installed for this test file's module registry: keep that one.
  }
}

export interface RunningTestWorker {
  app: INestApplicationContext;
  worker: Worker;
  stop(): Promise<void>;
}

/**
 * The real worker module (activities, TypeORM on the test database) with a Temporal worker
 * polling the suite's task queue, running until `stop()`.
 */
export async function startTestWorker(
  config: AppConfig,
  /** Test-module overrides (e.g. a provider switched off), for tests that break the worker. */
  customise?: (builder: TestingModuleBuilder) => TestingModuleBuilder,
): Promise<RunningTestWorker> {
  quietRuntime();
  const app: INestApplicationContext = customise
    ? await customise(Test.createTestingModule({ imports: [WorkerModule.forConfig(config)] }))
        .setLogger(new ConsoleLogger({ logLevels: ['error', 'warn'] }))
        .compile()
        .then((moduleRef) => moduleRef.init())
    : await NestFactory.createApplicationContext(WorkerModule.forConfig(config), {
        logger: ['error', 'warn'],
      });
  const connection = await NativeConnection.connect(temporalConnectionOptions(config));
  const worker = await app
    .get(TemporalWorkerService)
    .createWorker(connection, await testWorkflowBundle());
  const running = worker.run();
  // Stopping twice (a test stopped it, then the suite closes) must not close things twice.
  let stopped: Promise<void> | undefined;
  return {
    app,
    worker,
    stop: async () => {
      stopped ??= (async () => {
        if (worker.getState() === 'RUNNING') worker.shutdown();
        await running;
        await connection.close();
        await app.close();
      })();
      return stopped;
    },
  };
}
