import { setTimeout as sleep } from 'node:timers/promises';
import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { runMigrations } from '@app/persistence/run-migrations';
import { startEmbeddedPostgres } from '../dev/embedded-postgres';
import { freePort } from '../dev/free-port';
import { localAuditSigningKey } from '../dev/local-audit-key';
import { startMailCatcher } from '../dev/mail-catcher';
import { repoRoot } from '../dev/repo-root';
import { resolveTemporalBinary } from '../dev/temporal-binary';
import { startTemporalDevServer, stopProcess } from '../dev/temporal-dev-server';

/** Everything the fuzzer's own API instance runs on, started for this run and stopped after it. */
export interface FuzzStack {
  baseUrl: string;
  /** The database as the API's owner role (for the accounts the run signs in with). */
  env: Record<string, string>;
  stop(): Promise<void>;
}

function startNode(entry: string, env: Record<string, string>, logFile: string): ChildProcess {
  const out = openSync(logFile, 'a');
  return spawn(process.execPath, [join(repoRoot(), entry)], {
    cwd: repoRoot(),
    env: { ...process.env, ...env },
    stdio: ['ignore', out, out],
  });
}

async function waitForReady(url: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the API exited early; see ${logFile}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(300);
  }
  throw new Error(`the API was not ready in 90 s; see ${logFile}`);
}

/**
 * The dev server on a free port. It also binds ports of its own choosing (its HTTP API), and
 * on a machine shared with other test runs one may be taken in the meantime: it tries again.
 */
async function startTemporal(logFile: string): ReturnType<typeof startTemporalDevServer> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startTemporalDevServer({
        binary: resolveTemporalBinary(),
        port: await freePort(),
        logFile,
      });
    } catch (error) {
      if (attempt === 3) throw error;
      console.log(`[fuzz] Temporal did not start (${(error as Error).message}); trying again`);
    }
  }
}

/**
 * A Temporal dev server, an embedded PostgreSQL, a mail catcher, the built worker and API
 * (dist/), all on free ports, with every process's output in `logDir` (which the run's log
 * scan reads). Sign-in thresholds are high: the fuzzer's sign-ins must not lock its own users.
 */
export async function startFuzzStack(workDir: string, logDir: string): Promise<FuzzStack> {
  mkdirSync(workDir, { recursive: true });
  mkdirSync(logDir, { recursive: true });
  chmodSync(workDir, 0o755);
  const stops: (() => Promise<void>)[] = [];
  const stop = async (): Promise<void> => {
    for (const step of stops.reverse()) await step().catch(() => undefined);
  };
  try {
    const [postgresPort, apiPort, metricsPort, smtpPort, mailHttpPort] = await Promise.all([
      freePort(),
      freePort(),
      freePort(),
      freePort(),
      freePort(),
    ]);
    const [temporal, postgres] = await Promise.all([
      startTemporal(join(logDir, 'fuzz-temporal.log')),
      startEmbeddedPostgres({ dataDir: join(workDir, 'postgres'), port: postgresPort }),
    ]);
    stops.push(
      () => temporal.stop(),
      () => postgres.stop(),
    );
    await runMigrations(postgres.ownerUrl);
    const mail = await startMailCatcher({ smtpPort, httpPort: mailHttpPort });
    stops.push(() => mail.stop());
    const env: Record<string, string> = {
      NODE_ENV: 'production',
      DATABASE_URL: postgres.appUrl,
      DATABASE_OWNER_URL: postgres.ownerUrl,
      TEMPORAL_ADDRESS: temporal.address,
      AUDIT_SIGNING_KEY: localAuditSigningKey(workDir),
      SMTP_PORT: String(smtpPort),
      PORT: String(apiPort),
      METRICS_PORT: String(metricsPort),
      DOCUMENT_STORAGE_DIR: join(workDir, 'documents'),
      SIGN_IN_MAX_FAILURES: '1000',
      SIGN_IN_MAX_FAILURES_PER_ADDRESS: '100000',
      WORKER_METRICS_BIND_ADDRESS: '',
    };
    const workerLog = join(logDir, 'fuzz-worker.log');
    const worker = startNode('dist/apps/worker/src/main.js', env, workerLog);
    stops.push(() => stopProcess(worker, 15_000));
    const apiLog = join(logDir, 'fuzz-api.log');
    const api = startNode('dist/apps/api/src/main.js', env, apiLog);
    stops.push(() => stopProcess(api));
    const baseUrl = `http://127.0.0.1:${apiPort}`;
    await waitForReady(`${baseUrl}/health/ready`, api, apiLog);
    return { baseUrl, env, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
