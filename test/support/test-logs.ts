import type { ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { uniqueSuffix } from './fixtures';

/**
 * Where `npm test` collects the logs of every process its tests start
 * (INCUBATION_TEST_LOG_DIR, set by infra/bin/check.sh), for the log scan at its end; none when
 * a test runs on its own.
 */
export function testLogDir(): string | undefined {
  const dir = process.env.INCUBATION_TEST_LOG_DIR;
  if (dir) mkdirSync(dir, { recursive: true });
  return dir || undefined;
}

/** Copies a child process's output into the run's log folder as `<name>-<suffix>.log`. */
export function keepChildLog(child: ChildProcess, name: string): void {
  const dir = testLogDir();
  if (!dir) return;
  const file = createWriteStream(join(dir, `${name}-${uniqueSuffix()}.log`));
  child.stdout?.pipe(file, { end: false });
  child.stderr?.pipe(file, { end: false });
  child.once('exit', () => file.end());
}
