import type { ConnectionOptions } from 'node:tls';
import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export interface DatabaseConnectionOptions {
  url: string;
  poolSize?: number;
  applicationName?: string;
  /** Longest wait for a pooled connection (also when every connection is in use). */
  acquireTimeoutMs?: number;
  /** PostgreSQL's statement_timeout for every statement of this pool. */
  statementTimeoutMs?: number;
  /** TLS to PostgreSQL (see databaseSsl); plain when absent. */
  ssl?: ConnectionOptions | false;
}

/** Options shared by the apps (application role) and the migration runner (owner role). */
export function dataSourceOptions(options: DatabaseConnectionOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    // Schema changes happen only through reviewed migrations run by `npm run db:migrate`.
    synchronize: false,
    migrationsRun: false,
    extra: {
      max: options.poolSize ?? 10,
      application_name: options.applicationName ?? 'incubation-pipeline',
      connectionTimeoutMillis: options.acquireTimeoutMs ?? 5_000,
      ...(options.statementTimeoutMs === undefined
        ? {}
        : {
            statement_timeout: options.statementTimeoutMs,
            // A transaction left open by an abandoned attempt must not hold its locks for long.
            idle_in_transaction_session_timeout: options.statementTimeoutMs,
          }),
      ...(options.ssl ? { ssl: options.ssl } : {}),
    },
  };
}

export function createDataSource(options: DatabaseConnectionOptions): DataSource {
  return new DataSource(dataSourceOptions(options));
}
