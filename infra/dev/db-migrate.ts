import { loadConfig } from '@app/config';
import { databaseSsl, DatabaseSslMode } from '@app/persistence/database-ssl';
import { runMigrations } from '@app/persistence/run-migrations';

/** `npm run db:migrate`: applies pending migrations as the schema owner (DATABASE_OWNER_URL). */
async function main(): Promise<void> {
  const config = loadConfig();
  const ssl = databaseSsl(config.DATABASE_SSL_MODE as DatabaseSslMode, config.DATABASE_SSL_CA_FILE);
  const applied = await runMigrations(config.DATABASE_OWNER_URL, ssl);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema up to date');
}

main().catch((error: unknown) => {
  console.error('migration failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
