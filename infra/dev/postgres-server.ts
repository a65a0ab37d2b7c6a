import { join } from 'node:path';
import { startEmbeddedPostgres } from './embedded-postgres';
import { repoRoot } from './repo-root';

import { POSTGRES_READY_PREFIX } from './postgres-server.constants';

/**
 * The embedded PostgreSQL in a process of its own, until SIGINT/SIGTERM (embedded-postgres
 * stops the cluster on those signals and exits). `up` runs it apart so that its exit hook
 * cannot end `up` before the worker has drained. Prints one line of JSON with the URLs.
 */
// PostgreSQL's own last lines, printed if it does not start: embedded-postgres then rejects
// with no error of its own (a port taken, a data folder of another version).
const lastLines: string[] = [];

async function main(): Promise<void> {
  const port = Number(process.argv[2] ?? '55432');
  const running = await startEmbeddedPostgres({
    dataDir: join(repoRoot(), '.data', process.argv[3] ?? 'postgres'),
    port,
    log: (line) => {
      lastLines.push(line);
      if (lastLines.length > 20) lastLines.shift();
    },
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
  const reason = error instanceof Error ? error.message : String(error);
  console.error(`PostgreSQL did not start: ${reason}\n${lastLines.join('\n')}`);
  process.exit(1);
});
