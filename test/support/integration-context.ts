import type { TestingModuleBuilder } from '@nestjs/testing';
import { Client, Connection } from '@temporalio/client';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { temporalConnectionOptions } from '@app/temporal-connection';
import { createDataSource } from '@app/persistence';
import { uniqueSuffix } from './fixtures';
import { testConfig } from './test-env';
import { ensureTestMentors } from './test-mentors';
import { RunningTestWorker, startTestWorker } from './test-worker';
import { PlanUploads } from './workflow-plan-uploads';

export interface IntegrationContext {
  config: AppConfig;
  client: Client;
  /** The application's role, as the apps use it. */
  db: Pool;
  dataSource: DataSource;
  worker: RunningTestWorker;
  /** Plan versions whose documents are really uploaded (through the API's upload code). */
  plans: PlanUploads;
  /** Stops the worker and starts another, with test-module overrides when given. */
  restartWorker(customise?: (builder: TestingModuleBuilder) => TestingModuleBuilder): Promise<void>;
  close(): Promise<void>;
}

/**
 * A suite's view of the shared servers: its own task queue, a worker on it, a Temporal client
 * and database handles. Call in beforeAll and close in afterAll.
 */
export async function openIntegrationContext(
  name: string,
  overrides: Record<string, string> = {},
): Promise<IntegrationContext> {
  const config = testConfig({ TEMPORAL_TASK_QUEUE: `${name}-${uniqueSuffix()}`, ...overrides });
  const connection = await Connection.connect(temporalConnectionOptions(config));
  // No codec: suites see the payloads as the server holds them (plain unless keys are set).
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const db = new Pool({ connectionString: config.DATABASE_URL, max: 4 });
  const dataSource = createDataSource({ url: config.DATABASE_URL, poolSize: 2 });
  await dataSource.initialize();
  await ensureTestMentors(db);
  const context: IntegrationContext = {
    config,
    client,
    db,
    dataSource,
    worker: await startTestWorker(config),
    plans: new PlanUploads(dataSource, config),
    restartWorker: async (customise) => {
      await context.worker.stop();
      context.worker = await startTestWorker(config, customise);
    },
    close: async () => {
      await context.worker.stop();
      await connection.close();
      await db.end();
      await dataSource.destroy();
    },
  };
  return context;
}
