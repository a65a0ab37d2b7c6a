import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

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
  for (const [binary, pkg] of packages) goInstallOnce(binary, pkg, TEMPORAL_SERVER_VERSION, log);
  return binaries;
}

/** The Temporal Web UI's server for Temporal's own server (the dev server has its UI built in). */
export const TEMPORAL_UI_SERVER_VERSION = 'v2.42.1';

/**
 * `ui-server` in its own folder of the cache: its `cmd/server` installs as `server` too, so it
 * cannot share the real server's GOBIN.
 */
export function resolveTemporalUiServerBinary(log: (line: string) => void = console.log): string {
  const binary = join(homedir(), '.cache', 'incubation-pipeline', 'temporal-ui-server', 'server');
  goInstallOnce(
    binary,
    'github.com/temporalio/ui-server/v2/cmd/server',
    TEMPORAL_UI_SERVER_VERSION,
    log,
  );
  return binary;
}

/** `go install pkg@version` into the binary's folder, unless the binary is there already. */
function goInstallOnce(
  binary: string,
  pkg: string,
  version: string,
  log: (line: string) => void,
): void {
  if (existsSync(binary)) return;
  const dir = dirname(binary);
  mkdirSync(dir, { recursive: true });
  log(`Building ${pkg}@${version} once into ${dir}; this takes a few minutes...`);
  execFileSync('go', ['install', `${pkg}@${version}`], {
    env: { ...process.env, GOBIN: dir },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}
