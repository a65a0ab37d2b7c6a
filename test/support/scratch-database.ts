import { Client } from 'pg';
import { OWNER_DB_ROLE, APP_DB_ROLE, runMigrations } from '@app/persistence';
import { superuserDatabaseUrl } from './test-env';

/** A URL of the test server for another role and database. */
function urlFor(role: string, password: string, database: string): string {
  const url = new URL(superuserDatabaseUrl());
  url.username = role;
  url.password = password;
  url.pathname = `/${database}`;
  return url.toString();
}

export interface ScratchDatabase {
  name: string;
  superuserUrl: string;
  ownerUrl: string;
  appUrl: string;
}

function scratch(name: string): ScratchDatabase {
  return {
    name,
    superuserUrl: urlFor(
      new URL(superuserDatabaseUrl()).username,
      new URL(superuserDatabaseUrl()).password,
      name,
    ),
    ownerUrl: urlFor(OWNER_DB_ROLE, OWNER_DB_ROLE, name),
    appUrl: urlFor(APP_DB_ROLE, APP_DB_ROLE, name),
  };
}

async function asSuperuser<T>(
  work: (client: Client) => Promise<T>,
  url = superuserDatabaseUrl(),
): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A database of its own on the shared test server, migrated by the owner like the real one.
 * Suites that tamper with the audit chain use one, so no other suite sees the damage.
 */
export async function createScratchDatabase(name: string): Promise<ScratchDatabase> {
  // The roles exist on the shared server already (global setup made them).
  await asSuperuser((client) => client.query(`CREATE DATABASE ${name} OWNER ${OWNER_DB_ROLE}`));
  const database = scratch(name);
  // PostgreSQL 15+ no longer lets every role create objects in `public`; the owner needs it.
  await asSuperuser(
    (client) => client.query(`ALTER SCHEMA public OWNER TO ${OWNER_DB_ROLE}`),
    database.superuserUrl,
  );
  await runMigrations(database.ownerUrl);
  return database;
}

/** A copy of `template` (which must have no open connections): a fresh start per test. */
export async function copyScratchDatabase(
  template: ScratchDatabase,
  name: string,
): Promise<ScratchDatabase> {
  await asSuperuser((client) =>
    client.query(`CREATE DATABASE ${name} TEMPLATE ${template.name} OWNER ${OWNER_DB_ROLE}`),
  );
  return scratch(name);
}

export async function dropScratchDatabase(database: ScratchDatabase): Promise<void> {
  await asSuperuser((client) =>
    client.query(`DROP DATABASE IF EXISTS ${database.name} WITH (FORCE)`),
  );
}
