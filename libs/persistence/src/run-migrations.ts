import type { ConnectionOptions } from 'node:tls';
import { createDataSource } from './data-source.factory';

/** Applies pending migrations as the schema owner; returns the names it applied. */
export async function runMigrations(
  ownerUrl: string,
  ssl?: ConnectionOptions | false,
): Promise<string[]> {
  const dataSource = createDataSource({
    url: ownerUrl,
    poolSize: 1,
    applicationName: 'migrate',
    ssl,
  });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
