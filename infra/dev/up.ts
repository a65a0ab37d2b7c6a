import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { AppConfig, loadConfig } from '@app/config';
import { runMigrations } from '@app/persistence/run-migrations';
import { localAuditSigningKey } from './local-audit-key';
import { RunningMailCatcher, startMailCatcher } from './mail-catcher';
import { POSTGRES_READY_PREFIX } from './postgres-server.constants';
import { repoRoot } from './repo-root';
import { resolveTemporalBinary } from './temporal-binary';
import { RunningTemporal, startTemporalDevServer, stopProcess } from './temporal-dev-server';
import { waitForReady } from './wait-for-ready';

const EMBEDDED_POSTGRES_PORT = 55432;
const TEMPORAL_UI_OFFSET = 1000;
/** Where the caught demo mail is listed (the SMTP side is SMTP_PORT, 1025 by default). */
const MAIL_CATCHER_HTTP_PORT = 8025;

interface Stoppable {
  name: string;
  stop(): Promise<void>;
}

const log = (line: string): void => console.log(`[up] ${line}`);

/**
 * A process of ours in its own process group, so Ctrl-C reaches only `up`, which then stops
 * everything in order: API, worker (drains), Temporal, PostgreSQL.
 */
function startNode(
  name: string,
  args: string[],
  env: Record<string, string> = {},
  stdout: 'inherit' | 'pipe' = 'inherit',
): ChildProcess {
  const child = spawn(process.execPath, args, {
    cwd: repoRoot(),
    env: { ...process.env, ...env },
    stdio: ['ignore', stdout, 'inherit'],
    detached: true,
  });
  child.once('exit', (code, signal) => log(`${name} exited (${code ?? signal})`));
  return child;
}

interface EmbeddedPostgresUrls {
  ownerUrl: string;
  appUrl: string;
}

/** Starts the embedded PostgreSQL process and waits for the line saying where it listens. */
function startPostgres(port: number): Promise<{ child: ChildProcess; urls: EmbeddedPostgresUrls }> {
  const entry = join(repoRoot(), 'dist/infra/dev/postgres-server.js');
  const child = startNode('PostgreSQL', [entry, String(port)], {}, 'pipe');
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const line = buffered.split('\n').find((l) => l.startsWith(POSTGRES_READY_PREFIX));
      if (line)
        resolve({
          child,
          urls: JSON.parse(line.slice(POSTGRES_READY_PREFIX.length)) as EmbeddedPostgresUrls,
        });
    });
    child.once('exit', (code) =>
      reject(new Error(`PostgreSQL process exited (${code}) before it was ready`)),
    );
  });
}

function runToEnd(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) =>
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`exited with ${code}`)),
    ),
  );
}

async function main(): Promise<void> {
  const config = loadConfig();
  const defaults = new AppConfig();
  const root = repoRoot();
  const dataDir = join(root, '.data');
  const running: Stoppable[] = [];
  let stopping = false;
  const stopAll = async (exitCode: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log('stopping...');
    for (const part of [...running].reverse()) {
      try {
        await part.stop();
        log(`${part.name} stopped`);
      } catch (error) {
        log(`${part.name} did not stop cleanly: ${(error as Error).message}`);
      }
    }
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    const embedded = config.DATABASE_URL === defaults.DATABASE_URL;
    let databaseUrl = config.DATABASE_URL;
    let ownerUrl = config.DATABASE_OWNER_URL;
    if (embedded) {
      log(
        `starting the embedded PostgreSQL on 127.0.0.1:${EMBEDDED_POSTGRES_PORT} (data in .data/postgres)`,
      );
      const postgres = await startPostgres(EMBEDDED_POSTGRES_PORT);
      running.push({ name: 'PostgreSQL', stop: () => stopProcess(postgres.child, 30_000) });
      databaseUrl = postgres.urls.appUrl;
      ownerUrl = postgres.urls.ownerUrl;
    } else {
      log('using the PostgreSQL server of DATABASE_URL');
    }

    let temporal: RunningTemporal | undefined;
    if (config.TEMPORAL_ADDRESS === defaults.TEMPORAL_ADDRESS) {
      const port = Number(config.TEMPORAL_ADDRESS.split(':')[1]);
      log(
        `starting the Temporal dev server on ${config.TEMPORAL_ADDRESS} (data in .data/temporal)`,
      );
      temporal = await startTemporalDevServer({
        binary: resolveTemporalBinary(log),
        port,
        uiPort: port + TEMPORAL_UI_OFFSET,
        dbFile: join(dataDir, 'temporal', 'temporal.db'),
        logFile: join(dataDir, 'temporal', 'server.log'),
        namespace: config.TEMPORAL_NAMESPACE,
        ownProcessGroup: true,
      });
      const server = temporal;
      running.push({ name: 'Temporal dev server', stop: () => server.stop() });
    } else {
      log(`using the Temporal server at ${config.TEMPORAL_ADDRESS}`);
    }

    // With the default relay (nothing configured) the demo's mail goes to a local catcher.
    let mail: RunningMailCatcher | undefined;
    if (config.SMTP_HOST === defaults.SMTP_HOST && config.SMTP_PORT === defaults.SMTP_PORT) {
      mail = await startMailCatcher({
        smtpPort: config.SMTP_PORT,
        httpPort: MAIL_CATCHER_HTTP_PORT,
      });
      const catcher = mail;
      running.push({ name: 'mail catcher', stop: () => catcher.stop() });
      log(`catching the demo's mail on 127.0.0.1:${config.SMTP_PORT}; read it at ${mail.url}`);
    } else {
      log(`sending mail through ${config.SMTP_HOST}:${config.SMTP_PORT}`);
    }

    const applied = await runMigrations(ownerUrl);
    log(applied.length ? `migrations applied: ${applied.join(', ')}` : 'schema up to date');

    const env = {
      DATABASE_URL: databaseUrl,
      DATABASE_OWNER_URL: ownerUrl,
      TEMPORAL_ADDRESS: config.TEMPORAL_ADDRESS,
      AUDIT_SIGNING_KEY: config.AUDIT_SIGNING_KEY || localAuditSigningKey(dataDir),
    };
    const worker = startNode('worker', [join(root, 'dist/apps/worker/src/main.js')], {
      ...env,
      WORKER_METRICS_BIND_ADDRESS: process.env.WORKER_METRICS_BIND_ADDRESS ?? '127.0.0.1:9465',
    });
    running.push({
      name: 'worker',
      stop: () => stopProcess(worker, config.WORKER_SHUTDOWN_GRACE_MS + 5_000),
    });
    const api = startNode('API', [join(root, 'dist/apps/api/src/main.js')], env);
    running.push({ name: 'API', stop: () => stopProcess(api) });

    const apiUrl = `http://localhost:${config.PORT}`;
    await waitForReady(`${apiUrl}/health/ready`, 60_000);
    log('seeding demo data through the API services (npm run seed)');
    await runToEnd(startNode('seed', [join(root, 'dist/apps/api/src/cli/seed.js')], env));

    console.log(
      [
        '',
        'Everything is up:',
        `  Console          ${apiUrl}/app/   (zh-CN or English; the demo users are listed above)`,
        `  API              ${apiUrl}   (readiness: ${apiUrl}/health/ready)`,
        temporal?.uiUrl
          ? `  Temporal Web UI  ${temporal.uiUrl}`
          : `  Temporal         ${config.TEMPORAL_ADDRESS}`,
        `  Temporal gRPC    ${config.TEMPORAL_ADDRESS}  (namespace ${config.TEMPORAL_NAMESPACE})`,
        `  PostgreSQL       ${embedded ? `127.0.0.1:${EMBEDDED_POSTGRES_PORT}, database incubation` : 'from DATABASE_URL'}`,
        mail
          ? `  Demo mail        ${mail.url}   (every email the demo sent, e.g. the seed's assignment requests)`
          : `  Mail relay       ${config.SMTP_HOST}:${config.SMTP_PORT}`,
        `  Metrics          http://localhost:${config.METRICS_PORT}/metrics (API), http://${process.env.WORKER_METRICS_BIND_ADDRESS ?? '127.0.0.1:9465'}/metrics (worker)`,
        '',
        'Press Ctrl-C to stop everything.',
        '',
      ].join('\n'),
    );
  } catch (error) {
    console.error(`[up] failed: ${(error as Error).message}`);
    await stopAll(1);
  }
}

void main();
