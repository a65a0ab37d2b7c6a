import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client, Connection } from '@temporalio/client';
import { Pool } from 'pg';
import { AppConfig, loadConfig } from '@app/config';
import type { Actor } from '@app/domain';
import { runMigrations } from '@app/persistence';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/configure-app';
import { createHttpAdapter } from '../../apps/api/src/http/http-adapter';
import { startEmbeddedPostgres, RunningPostgres } from '../../infra/dev/embedded-postgres';
import { freePort } from '../../infra/dev/free-port';
import { RunningTemporal, stopProcess } from '../../infra/dev/temporal-dev-server';
import { BenchTemporalKind, startBenchTemporal } from './temporal-choice';
import { createTestUser } from '../../test/support/test-api';
import { stopOnInterrupt } from './interrupt';

export const BENCH_NAMESPACE = 'bench';
export const BENCH_TASK_QUEUE = 'bench';
const DATA_DIR = join(process.cwd(), '.data', 'bench');
const POSTGRES_DIR = join(process.cwd(), '.data', 'bench-postgres');
/** The build this file belongs to (`dist/`, or a copy of it), whatever the working folder. */
const BUILD_DIR = join(__dirname, '..', '..');

/** A signed-in user: the bearer token for the API, the same actor for the raw client. */
export interface BenchUser {
  token: string;
  actor: Actor;
}

export interface BenchEnvironment {
  config: AppConfig;
  env: Record<string, string>;
  apiUrl: string;
  api: NestFastifyApplication;
  client: Client;
  db: Pool;
  worker: ChildProcess;
  staff: BenchUser;
  staff2: BenchUser;
  mentor: BenchUser;
  mentorId: string;
  stop(): Promise<void>;
}

/**
 * The production worker (`dist/apps/worker/src/main.js`) as a child process, so its RSS can be
 * read and it does not share the API's event loop; resolves once it polls its task queue.
 */
export async function startWorkerProcess(
  env: Record<string, string>,
  logName: string,
): Promise<ChildProcess> {
  const log = createWriteStream(join(DATA_DIR, logName), { flags: 'a' });
  const child = spawn(process.execPath, [join(BUILD_DIR, 'apps/worker/src/main.js')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.pipe(log);
  child.once(
    'exit',
    stopOnInterrupt(logName, () => stopProcess(child)),
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`worker did not poll within 60 s; see ${logName}`)),
      60_000,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      log.write(chunk);
      if (chunk.toString().includes('worker polling task queue')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited with ${code}; see .data/bench/${logName}`));
    });
  });
  return child;
}

export async function signIn(apiUrl: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${apiUrl}/auth/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 201) throw new Error(`sign-in answered ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

/**
 * Temporal (SQLite file under .data/bench, namespace `bench`, so the list benchmark's projects
 * survive between runs), PostgreSQL (.data/bench-postgres, migrated), the worker as a child
 * process, the API in this process on a free port, and three signed-in users.
 */
export async function startBenchEnvironment(
  log: (line: string) => void,
  temporalKind: BenchTemporalKind = 'dev',
): Promise<BenchEnvironment> {
  // Each Temporal keeps its own data: the list benchmark's projects live in both stores.
  const dataDir = temporalKind === 'server' ? `${DATA_DIR}-server` : DATA_DIR;
  const postgresDir = temporalKind === 'server' ? `${POSTGRES_DIR}-server` : POSTGRES_DIR;
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(DATA_DIR, { recursive: true }); // the worker logs there either way
  mkdirSync(postgresDir, { recursive: true });
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach its folder.
  chmodSync(postgresDir, 0o755);
  const postgresPort = await freePort();
  log(`starting PostgreSQL (${postgresDir})`);
  const postgres: RunningPostgres = await startEmbeddedPostgres({
    dataDir: postgresDir,
    port: postgresPort,
  });
  const forgetPostgres = stopOnInterrupt('PostgreSQL', () => postgres.stop());
  const temporal: RunningTemporal = await startBenchTemporal(
    temporalKind,
    dataDir,
    BENCH_NAMESPACE,
    postgres,
    log,
  );
  const forgetTemporal = stopOnInterrupt('Temporal', () => temporal.stop());
  await runMigrations(postgres.ownerUrl);

  const env: Record<string, string> = {
    NODE_ENV: 'production',
    // Request logs at info would print a line per request into the benchmark's output.
    LOG_LEVEL: 'warn',
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: BENCH_NAMESPACE,
    TEMPORAL_TASK_QUEUE: BENCH_TASK_QUEUE,
    DATABASE_URL: postgres.appUrl,
    DATABASE_OWNER_URL: postgres.ownerUrl,
    DOCUMENT_STORAGE_DIR: join(dataDir, 'documents'),
    WORKFLOW_BUNDLE_PATH: join(BUILD_DIR, 'workflow-bundle.js'),
    // Background loops off the measured path: no mail relay runs, and sweeping closed runs
    // into PostgreSQL would compete with the pipeline benchmark at random moments.
    NOTIFICATION_DISPATCH_INTERVAL_MS: '3600000',
    ARCHIVE_SWEEP_INTERVAL_MS: '3600000',
    // Another build of the console, to measure C1/C2 before and after a change side by side.
    ...(process.env.WEB_CONSOLE_PATH ? { WEB_CONSOLE_PATH: process.env.WEB_CONSOLE_PATH } : {}),
  };
  const config = loadConfig(env);
  log('starting the worker (child process) and the API (in process)');
  const worker = await startWorkerProcess(env, 'worker.log');
  const api = await configureApp(
    await NestFactory.create<NestFastifyApplication>(
      AppModule.forConfig(config),
      createHttpAdapter(),
      { logger: ['error', 'warn'] },
    ),
  );
  await api.listen(0, '127.0.0.1');
  const address = api.getHttpServer().address() as { port: number };
  const apiUrl = `http://127.0.0.1:${address.port}`;

  const connection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection, namespace: BENCH_NAMESPACE });
  const db = new Pool({ connectionString: postgres.appUrl, max: 4 });
  const mentorId = (
    await db.query<{ id: string }>(
      `INSERT INTO mentors (name, organisation, expertise_tags, capacity)
       VALUES ($1, 'Bench Mentoring', '{robotics,optics}', 1000000) RETURNING id`,
      [`Bench mentor ${Date.now()}`],
    )
  ).rows[0].id;
  const people = {
    staff: await createTestUser(db, 'staff'),
    staff2: await createTestUser(db, 'staff'),
    mentor: await createTestUser(db, 'mentor', { mentorId }),
  };
  const signedIn = async (user: (typeof people)['staff']): Promise<BenchUser> => ({
    token: await signIn(apiUrl, user.username, user.password),
    actor: user.mentorId
      ? { userId: user.id, role: user.role, mentorId: user.mentorId }
      : { userId: user.id, role: user.role },
  });

  return {
    config,
    env,
    apiUrl,
    api,
    client,
    db,
    worker,
    staff: await signedIn(people.staff),
    staff2: await signedIn(people.staff2),
    mentor: await signedIn(people.mentor),
    mentorId,
    stop: async () => {
      await api.close();
      await connection.close();
      await db.end();
      await stopProcess(worker);
      await temporal.stop();
      forgetTemporal();
      await postgres.stop();
      forgetPostgres();
    },
  };
}
