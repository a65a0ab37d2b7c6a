import { join } from 'node:path';
import { startEmbeddedPostgres } from './embedded-postgres';
import { repoRoot } from './repo-root';

import { POSTGRES_READY_PREFIX } from './postgres-server.constants';

/**
 * The embedded PostgreSQL in a process of its own, until SIGINT/SIGTERM (embedded-postgres
 * stops the cluster on those signals and exits). `up` runs it apart so that its exit hook
 * cannot end `up` before the worker has drained. Prints one line of JSON with the URLs.
 */
async function main(): Promise<void> {
  const port = Number(process.argv[2] ?? '55432');
  const running = await startEmbeddedPostgres({
    dataDir: join(repoRoot(), '.data', process.argv[3] ?? 'postgres'),
    port,
  });
  console.log(
    POSTGRES_READY_PREFIX +
      JSON.stringify({
        ownerUrl: running.ownerUrl,
        appUrl: running.appUrl,
        superuserUrl: running.superuserUrl,
        port,
      }),
  );
}

main().catch((error: unknown) => {
  console.error(`PostgreSQL did not start: ${(error as Error).message}`);
  process.exit(1);
});
