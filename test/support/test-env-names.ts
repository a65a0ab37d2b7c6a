/** Environment the integration suites read to find the servers global setup started. */
export const TEST_ENV = {
  temporalAddress: 'TEST_TEMPORAL_ADDRESS',
  databaseUrl: 'TEST_DATABASE_URL',
  databaseOwnerUrl: 'TEST_DATABASE_OWNER_URL',
  databaseSuperuserUrl: 'TEST_DATABASE_SUPERUSER_URL',
} as const;
