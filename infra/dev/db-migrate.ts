import { loadConfig } from '@app/config';
import { runMigrations } from '@app/persistence/run-migrations';

/** `npm run db:migrate`: applies pending migrations as the schema owner (DATABASE_OWNER_URL). */
async function main(): Promise<void> {
  const applied = await runMigrations(loadConfig().DATABASE_OWNER_URL);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema up to date');
}

main().catch((error: unknown) => {
  console.error('migration failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
