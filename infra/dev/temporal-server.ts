import { join } from 'node:path';
import { loadConfig } from '@app/config';
import { repoRoot } from './repo-root';
import { resolveTemporalBinary } from './temporal-binary';
import { startTemporalDevServer } from './temporal-dev-server';

/**
 * `npm run temporal:dev`: only the Temporal dev server (with the Web UI and the project's
 * search attributes), persisted in .data/temporal, until Ctrl-C.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const port = Number(config.TEMPORAL_ADDRESS.split(':')[1]);
  const dataDir = join(repoRoot(), '.data', 'temporal');
  const server = await startTemporalDevServer({
    binary: resolveTemporalBinary(),
    port,
    uiPort: port + 1000,
    dbFile: join(dataDir, 'temporal.db'),
    logFile: join(dataDir, 'server.log'),
    namespace: config.TEMPORAL_NAMESPACE,
  });
  console.log(`Temporal dev server on ${server.address}, Web UI ${server.uiUrl}; Ctrl-C stops it.`);
  const stop = (): void => void server.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
