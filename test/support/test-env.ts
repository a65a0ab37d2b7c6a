import { AppConfig, loadConfig } from '@app/config';
import { TEST_ENV } from './test-env-names';

function required(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: run integration tests through Jest's global setup`);
  return value;
}

/** The app config pointing at the servers global setup started, with a task queue per suite. */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    TEMPORAL_ADDRESS: required(TEST_ENV.temporalAddress),
    DATABASE_URL: required(TEST_ENV.databaseUrl),
    DATABASE_OWNER_URL: required(TEST_ENV.databaseOwnerUrl),
    // Every suite's API gets a metrics port of its own, chosen by the system.
    METRICS_PORT: '0',
    // Every suite's mentors share one mentors table: a suite's own mentors must not drop out
    // of its rankings below other suites' leftovers (the bound has its own suite).
    MENTOR_RANKING_MAX_CANDIDATES: '1000',
    ...overrides,
  });
}

export function superuserDatabaseUrl(): string {
  return required(TEST_ENV.databaseSuperuserUrl);
}
