// Imported relatively: Jest's global setup loads this file outside Jest's module mapper.
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrations } from '../../libs/persistence/src/run-migrations';
import { startEmbeddedPostgres, RunningPostgres } from '../../infra/dev/embedded-postgres';
import { freePort } from '../../infra/dev/free-port';
import { resolveTemporalBinary } from '../../infra/dev/temporal-binary';
import { RunningTemporal, startTemporalDevServer } from '../../infra/dev/temporal-dev-server';

export interface TestServers {
  temporal: RunningTemporal;
  postgres: RunningPostgres;
  stop(): Promise<void>;
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
  const [temporalStart, postgresStart] = await Promise.allSettled([
    startTemporalDevServer({
      binary: resolveTemporalBinary(),
      port: temporalPort,
      logFile: join(scratch, 'temporal.log'),
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
