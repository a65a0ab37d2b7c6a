import { join } from 'node:path';
import type { RunningPostgres } from '../../infra/dev/embedded-postgres';
import { freePort } from '../../infra/dev/free-port';
import { resolveTemporalBinary } from '../../infra/dev/temporal-binary';
import { RunningTemporal, startTemporalDevServer } from '../../infra/dev/temporal-dev-server';
import { postgresOfUrl, startTemporalServer } from '../../infra/dev/temporal-real-server';
import { resolveTemporalServerBinaries } from '../../infra/dev/temporal-server-binary';

/** `--temporal dev` (the CLI's dev server on SQLite) or `--temporal server` (Temporal's own on PostgreSQL). */
export type BenchTemporalKind = 'dev' | 'server';

export function benchTemporalKind(value: string): BenchTemporalKind {
  if (value === 'dev' || value === 'server') return value;
  throw new Error(`--temporal must be dev or server, not ${JSON.stringify(value)}`);
}

/**
 * The Temporal the benchmarks run on. The real server keeps its two databases (SQL visibility
 * included, so P4's baseline is a PostgreSQL visibility query) in the bench's PostgreSQL, so
 * the list benchmark's projects survive between runs as they do in the dev server's file.
 */
export async function startBenchTemporal(
  kind: BenchTemporalKind,
  dataDir: string,
  namespace: string,
  postgres: RunningPostgres,
  log: (line: string) => void,
): Promise<RunningTemporal> {
  const port = await freePort();
  if (kind === 'dev') {
    log('starting the Temporal dev server (SQLite under .data/bench)');
    return startTemporalDevServer({
      binary: resolveTemporalBinary(log),
      port,
      dbFile: join(dataDir, 'temporal.db'),
      logFile: join(dataDir, 'temporal.log'),
      namespace,
      // Ctrl-C reaches the benchmark alone, which stops the worker first, then this server.
      ownProcessGroup: true,
    });
  }
  log(
    'starting the Temporal server on PostgreSQL (databases temporal_bench, temporal_bench_visibility)',
  );
  return startTemporalServer({
    binaries: resolveTemporalServerBinaries(log),
    postgres: postgresOfUrl(postgres.superuserUrl),
    databases: { main: 'temporal_bench', visibility: 'temporal_bench_visibility' },
    dir: join(dataDir, 'temporal-server'),
    port,
    namespace,
    ownProcessGroup: true,
  });
}
