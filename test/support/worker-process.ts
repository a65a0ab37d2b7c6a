import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '@app/config';
import { repoRoot } from '../../infra/dev/repo-root';
import { keepChildLog } from './test-logs';

export interface WorkerProcess {
  child: ChildProcess;
  /** Everything the process wrote so far, stdout and stderr. */
  output: () => string;
}

/** What a spawned worker needs of a suite's config: its Temporal, its task queue, its database. */
export function workerEnv(config: AppConfig): Record<string, string> {
  return {
    TEMPORAL_ADDRESS: config.TEMPORAL_ADDRESS,
    TEMPORAL_TASK_QUEUE: config.TEMPORAL_TASK_QUEUE,
    DATABASE_URL: config.DATABASE_URL,
    DATABASE_OWNER_URL: config.DATABASE_OWNER_URL,
  };
}

/** The built worker as production runs it: its own process, its own signal handling. */
export function startWorkerProcess(
  env: Record<string, string>,
  logName = 'worker-process',
): WorkerProcess {
  const entry = join(repoRoot(), 'dist/apps/worker/src/main.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
  const child = spawn(process.execPath, [entry], {
    cwd: repoRoot(),
    // The dispatcher would try other suites' emails on the default SMTP port: keep it idle.
    env: {
      ...process.env,
      ...env,
      LOG_LEVEL: 'warn',
      NOTIFICATION_DISPATCH_INTERVAL_MS: '3600000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Kept for the log scan at the end of `npm test` (INCUBATION_TEST_LOG_DIR).
  keepChildLog(child, logName);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

/** The process's exit code once it exited (at once if it already did; null after a signal). */
export function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}
