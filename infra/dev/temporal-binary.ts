import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Tags tried in order; from v1.6.0 on the CLI's go.mod carries a `replace` and `go install` refuses it. */
const CLI_VERSIONS = ['v1.5.1', 'v1.5.0', 'v1.4.1', 'v1.4.0'];

function cacheRoot(): string {
  return join(homedir(), '.cache', 'incubation-pipeline');
}

function onPath(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v temporal'], { encoding: 'utf8' });
  const path = found.stdout.trim();
  return found.status === 0 && path ? path : undefined;
}

/**
 * The Temporal CLI (which contains the dev server): one on PATH, else the binary cached in the
 * user's cache folder (so fresh clones on this machine reuse it), else built there with Go.
 * Builds once: the first build takes minutes on two cores.
 */
export function resolveTemporalBinary(log: (line: string) => void = console.log): string {
  const fromPath = onPath();
  if (fromPath) return fromPath;
  for (const version of CLI_VERSIONS) {
    const cached = join(cacheRoot(), `temporal-${version.slice(1)}`, 'temporal');
    if (existsSync(cached)) return cached;
  }
  const failures: string[] = [];
  for (const version of CLI_VERSIONS) {
    const dir = join(cacheRoot(), `temporal-${version.slice(1)}`);
    mkdirSync(dir, { recursive: true });
    const command = `GOBIN=${dir} go install github.com/temporalio/cli/cmd/temporal@${version}`;
    log(`Building the Temporal CLI once (${command}); this takes a few minutes...`);
    try {
      execFileSync('go', ['install', `github.com/temporalio/cli/cmd/temporal@${version}`], {
        env: { ...process.env, GOBIN: dir },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      return join(dir, 'temporal');
    } catch (error) {
      failures.push(`${command}: ${(error as Error).message}`);
    }
  }
  throw new Error(
    `Could not obtain the Temporal CLI. Put a 'temporal' binary on PATH or install Go.\n${failures.join('\n')}`,
  );
}
