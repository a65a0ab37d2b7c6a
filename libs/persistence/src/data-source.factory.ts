import type { ConnectionOptions } from 'node:tls';
import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export interface DatabaseConnectionOptions {
  url: string;
  poolSize?: number;
  applicationName?: string;
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
      connectionTimeoutMillis: 5_000,
      ...(options.ssl ? { ssl: options.ssl } : {}),
    },
  };
}

export function createDataSource(options: DatabaseConnectionOptions): DataSource {
  return new DataSource(dataSourceOptions(options));
}
