// Imported relatively: Jest's global setup loads this file outside Jest's module mapper.
import { chmodSync, copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrations } from '../../libs/persistence/src/run-migrations';
import { startEmbeddedPostgres, RunningPostgres } from '../../infra/dev/embedded-postgres';
import { freePort } from '../../infra/dev/free-port';
import { resolveTemporalBinary } from '../../infra/dev/temporal-binary';
import { RunningTemporal, startTemporalDevServer } from '../../infra/dev/temporal-dev-server';
import { postgresOfUrl, startTemporalServer } from '../../infra/dev/temporal-real-server';
import { resolveTemporalServerBinaries } from '../../infra/dev/temporal-server-binary';

/**
 * Which Temporal the integration suites run on: `dev` (the CLI's dev server, the default) or
 * `server` (Temporal's own server on the run's PostgreSQL, what a production cluster runs).
 */
export function testTemporalKind(): 'dev' | 'server' {
  return process.env.INCUBATION_TEST_TEMPORAL === 'server' ? 'server' : 'dev';
}

export interface TestServers {
  temporal: RunningTemporal;
  postgres: RunningPostgres;
  stop(): Promise<void>;
}

/** The real server's log, copied into the run's log folder for the log scan (check.sh). */
function keepServerLog(file: string, port: number): void {
  const dir = process.env.INCUBATION_TEST_LOG_DIR;
  if (dir && existsSync(file)) copyFileSync(file, join(dir, `temporal-server-${port}.log`));
}

/**
 * One real Temporal dev server (in memory) and one real PostgreSQL (embedded, in a fresh
 * temporary folder) on free ports, migrated with the real migrations.
 */
export async function startTestServers(
  options: { dynamicConfig?: Record<string, unknown> } = {},
): Promise<TestServers> {
  const scratch = mkdtempSync(join(tmpdir(), 'incubation-test-'));
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach its folder.
  chmodSync(scratch, 0o755);
  const [temporalPort, postgresPort] = [await freePort(), await freePort()];
  if (testTemporalKind() === 'server') {
    // The real server keeps its two databases in the run's PostgreSQL, so that comes first.
    const postgres = await startEmbeddedPostgres({
      dataDir: join(scratch, 'postgres'),
      port: postgresPort,
    });
    try {
      const temporal = await startTemporalServer({
        binaries: resolveTemporalServerBinaries(),
        postgres: postgresOfUrl(postgres.superuserUrl),
        dir: join(scratch, 'temporal-server'),
        port: temporalPort,
        dynamicConfig: options.dynamicConfig,
      });
      await runMigrations(postgres.ownerUrl);
      return {
        temporal,
        postgres,
        stop: async () => {
          await temporal.stop();
          await postgres.stop();
          keepServerLog(join(scratch, 'temporal-server', 'temporal-server.log'), temporalPort);
        },
      };
    } catch (error) {
      await postgres.stop();
      throw error;
    }
  }
  const [temporalStart, postgresStart] = await Promise.allSettled([
    startTemporalDevServer({
      binary: resolveTemporalBinary(),
      port: temporalPort,
      // Into the run's log folder when `npm test` collects logs for its scan (check.sh).
      logFile: join(process.env.INCUBATION_TEST_LOG_DIR || scratch, `temporal-${temporalPort}.log`),
      dynamicConfig: options.dynamicConfig,
    }),
    startEmbeddedPostgres({ dataDir: join(scratch, 'postgres'), port: postgresPort }),
  ]);
  if (temporalStart.status === 'rejected' || postgresStart.status === 'rejected') {
    // Stop whichever did start, so a failed setup leaves no server behind.
    if (temporalStart.status === 'fulfilled') await temporalStart.value.stop();
    if (postgresStart.status === 'fulfilled') await postgresStart.value.stop();
    throw temporalStart.status === 'rejected'
      ? temporalStart.reason
      : (postgresStart as PromiseRejectedResult).reason;
  }
  const temporal = temporalStart.value;
  const postgres = postgresStart.value;
  await runMigrations(postgres.ownerUrl);
  return {
    temporal,
    postgres,
    stop: async () => {
      await Promise.allSettled([temporal.stop(), postgres.stop()]);
    },
  };
}
