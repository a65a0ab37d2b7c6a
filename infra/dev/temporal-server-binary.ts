import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The Temporal server release the CLI v1.5.1 embeds too. */
export const TEMPORAL_SERVER_VERSION = 'v1.29.1';

export interface TemporalServerBinaries {
  /** `server`: the real Temporal server (frontend, history, matching, worker services). */
  server: string;
  /** `sql`: temporal-sql-tool, which creates the databases and applies the embedded schemas. */
  sql: string;
}

export function temporalServerDir(): string {
  return join(
    homedir(),
    '.cache',
    'incubation-pipeline',
    `temporal-server-${TEMPORAL_SERVER_VERSION.slice(1)}`,
  );
}

/**
 * The real server and its SQL tool in the project's Temporal cache, built there with Go once
 * (a few minutes once the CLI's modules are in the Go module cache) and reused after.
 */
export function resolveTemporalServerBinaries(
  log: (line: string) => void = console.log,
): TemporalServerBinaries {
  const dir = temporalServerDir();
  const binaries = { server: join(dir, 'server'), sql: join(dir, 'sql') };
  const packages: [string, string][] = [
    [binaries.server, 'go.temporal.io/server/cmd/server'],
    [binaries.sql, 'go.temporal.io/server/cmd/tools/sql'],
  ];
  mkdirSync(dir, { recursive: true });
  for (const [binary, pkg] of packages) {
    if (existsSync(binary)) continue;
    log(`Building ${pkg}@${TEMPORAL_SERVER_VERSION} once into ${dir}; this takes a few minutes...`);
    execFileSync('go', ['install', `${pkg}@${TEMPORAL_SERVER_VERSION}`], {
      env: { ...process.env, GOBIN: dir },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  }
  return binaries;
}
