import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatePayloadKey, loadConfig } from '@app/config';
import { runMigrations } from '@app/persistence/run-migrations';
import { localAuditSigningKey } from './local-audit-key';
import { POSTGRES_READY_PREFIX } from './postgres-server.constants';
import { repoRoot } from './repo-root';
import { stopProcess } from './temporal-dev-server';
import { postgresOfUrl, startTemporalServer } from './temporal-real-server';
import {
  resolveTemporalServerBinaries,
  resolveTemporalUiServerBinary,
} from './temporal-server-binary';
import { startTemporalUi } from './temporal-ui-server';
import { waitForReady } from './wait-for-ready';

/** Embedded PostgreSQL of the cluster: its own folder and port beside `npm run up`'s. */
const CLUSTER_POSTGRES_PORT = Number(process.env.CLUSTER_POSTGRES_PORT ?? 55433);
/**
 * Any PostgreSQL instead: a role that may create Temporal's two databases. The project's own
 * database is then DATABASE_URL / DATABASE_OWNER_URL, its two roles made beforehand (README).
 */
const CLUSTER_POSTGRES_URL = process.env.CLUSTER_POSTGRES_URL ?? '';
const log = (line: string): void => console.log(`[up --cluster] ${line}`);
/** The Web UI sits 1000 above Temporal's port, as the dev server's does in `npm run up`. */
const TEMPORAL_UI_OFFSET = 1000;

function startNode(
  name: string,
  args: string[],
  env: Record<string, string>,
  pipe = false,
): ChildProcess {
  const child = spawn(process.execPath, args, {
    cwd: repoRoot(),
    env: { ...process.env, ...env },
    stdio: ['ignore', pipe ? 'pipe' : 'inherit', 'inherit'],
    detached: true,
  });
  child.once('exit', (code, signal) => log(`${name} exited (${code ?? signal})`));
  return child;
}

function startPostgres(): Promise<{
  child: ChildProcess;
  superuserUrl: string;
  ownerUrl: string;
  appUrl: string;
}> {
  const entry = join(repoRoot(), 'dist/infra/dev/postgres-server.js');
  const child = startNode(
    'PostgreSQL',
    [entry, String(CLUSTER_POSTGRES_PORT), 'cluster-postgres'],
    {},
    true,
  );
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const line = buffered.split('\n').find((l) => l.startsWith(POSTGRES_READY_PREFIX));
      if (line) {
        const urls = JSON.parse(line.slice(POSTGRES_READY_PREFIX.length)) as {
          superuserUrl: string;
          ownerUrl: string;
          appUrl: string;
        };
        resolve({ child, ...urls });
      }
    });
    child.once('exit', (code) =>
      reject(new Error(`PostgreSQL exited (${code}) before it was ready`)),
    );
  });
}

async function startEmbeddedPostgres(
  running: { name: string; stop: () => Promise<void> }[],
): Promise<{ superuserUrl: string; ownerUrl: string; appUrl: string }> {
  log(`starting PostgreSQL on 127.0.0.1:${CLUSTER_POSTGRES_PORT} (data in .data/cluster-postgres)`);
  const postgres = await startPostgres();
  running.push({ name: 'PostgreSQL', stop: () => stopProcess(postgres.child, 30_000) });
  return postgres;
}

/** A local payload key, made once, so the cluster stores payloads encrypted like production. */
function localPayloadKeys(dataDir: string): string {
  const file = join(dataDir, 'payload-keys');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const keys = generatePayloadKey();
  writeFileSync(file, `${keys}\n`, { mode: 0o600 });
  return keys;
}

/**
 * `npm run up -- --cluster`: the production topology on this machine. One embedded PostgreSQL
 * (.data/cluster-postgres) holds the project's database and Temporal's two; Temporal's own
 * server runs on it with SQL visibility; then two workers and two APIs (PORT and PORT+1), with
 * payloads encrypted by a local key. Ctrl-C stops the APIs, drains the workers, then the rest.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const root = repoRoot();
  const dataDir = join(root, '.data', 'cluster');
  const running: { name: string; stop: () => Promise<void> }[] = [];
  let stopping = false;
  const stopAll = async (code: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    for (const part of [...running].reverse()) {
      await part.stop().catch((error: Error) => log(`${part.name}: ${error.message}`));
      log(`${part.name} stopped`);
    }
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  try {
    const postgres = CLUSTER_POSTGRES_URL
      ? {
          superuserUrl: CLUSTER_POSTGRES_URL,
          ownerUrl: config.DATABASE_OWNER_URL,
          appUrl: config.DATABASE_URL,
        }
      : await startEmbeddedPostgres(running);
    const port = Number(config.TEMPORAL_ADDRESS.split(':')[1]);
    log(
      `starting the Temporal server on 127.0.0.1:${port} (PostgreSQL persistence and visibility)`,
    );
    const temporal = await startTemporalServer({
      binaries: resolveTemporalServerBinaries(log),
      postgres: postgresOfUrl(postgres.superuserUrl),
      dir: join(dataDir, 'temporal-server'),
      port,
      namespace: config.TEMPORAL_NAMESPACE,
      ownProcessGroup: true,
    });
    running.push({ name: 'Temporal server', stop: () => temporal.stop() });
    const applied = await runMigrations(postgres.ownerUrl);
    log(applied.length ? `migrations applied: ${applied.join(', ')}` : 'schema up to date');
    // The UI calls the codec from the browser with the console's session cookie: open it on
    // localhost, the console's host, so the cookie goes along.
    const uiOrigin = `http://localhost:${port + TEMPORAL_UI_OFFSET}`;
    const env = {
      TEMPORAL_UI_ORIGIN: config.TEMPORAL_UI_ORIGIN || uiOrigin,
      DATABASE_URL: postgres.appUrl,
      DATABASE_OWNER_URL: postgres.ownerUrl,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_PAYLOAD_KEYS: config.TEMPORAL_PAYLOAD_KEYS || localPayloadKeys(dataDir),
      AUDIT_SIGNING_KEY: config.AUDIT_SIGNING_KEY || localAuditSigningKey(join(root, '.data')),
    };
    for (const n of [1, 2]) {
      // Each process of the pair its own metrics port, as each pod has in a cluster.
      const worker = startNode(`worker ${n}`, [join(root, 'dist/apps/worker/src/main.js')], {
        ...env,
        WORKER_METRICS_BIND_ADDRESS: `127.0.0.1:${config.METRICS_PORT + 2 * n - 1}`,
      });
      running.push({
        name: `worker ${n}`,
        stop: () => stopProcess(worker, config.WORKER_SHUTDOWN_GRACE_MS + 5_000),
      });
    }
    const apiUrls: string[] = [];
    for (const n of [0, 1]) {
      const apiPort = config.PORT + n;
      const api = startNode(`API ${n + 1}`, [join(root, 'dist/apps/api/src/main.js')], {
        ...env,
        PORT: String(apiPort),
        METRICS_PORT: String(config.METRICS_PORT + 2 * n),
      });
      running.push({ name: `API ${n + 1}`, stop: () => stopProcess(api) });
      apiUrls.push(`http://localhost:${apiPort}`);
    }
    for (const url of apiUrls) await waitForReady(`${url}/health/ready`, 90_000);
    const ui = await startTemporalUi({
      binary: resolveTemporalUiServerBinary(log),
      dir: join(dataDir, 'temporal-ui'),
      port: port + TEMPORAL_UI_OFFSET,
      temporalAddress: temporal.address,
      namespace: config.TEMPORAL_NAMESPACE,
      codecEndpoint: `${apiUrls[0]}/codec`,
    });
    running.push({ name: 'Temporal Web UI', stop: () => ui.stop() });
    console.log(
      [
        '',
        'The cluster is up:',
        ...apiUrls.map((url, i) => `  API ${i + 1}            ${url}   (codec: ${url}/codec)`),
        `  Temporal gRPC    ${temporal.address}  (namespace ${config.TEMPORAL_NAMESPACE}; Temporal's own server)`,
        `  Temporal Web UI  ${uiOrigin}  (decodes payloads through API 1's codec once you sign in to the console)`,
        CLUSTER_POSTGRES_URL
          ? `  PostgreSQL       ${new URL(CLUSTER_POSTGRES_URL).host}: temporal, temporal_visibility; the project's at DATABASE_URL`
          : `  PostgreSQL       127.0.0.1:${CLUSTER_POSTGRES_PORT}: incubation, temporal, temporal_visibility`,
        '  Workers          2 processes on task queue ' + config.TEMPORAL_TASK_QUEUE,
        `  Metrics          APIs :${config.METRICS_PORT} and :${config.METRICS_PORT + 2}, workers :${config.METRICS_PORT + 1} and :${config.METRICS_PORT + 3} (/metrics)`,
        '',
        'Press Ctrl-C to stop everything.',
      ].join('\n'),
    );
  } catch (error) {
    console.error(`[up --cluster] failed: ${(error as Error).message}`);
    await stopAll(1);
  }
}

void main();
