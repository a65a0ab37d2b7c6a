import { generatedAuditSigningKey } from './audit-keys';
import { TEST_ENV } from './test-env-names';
import { startTestServers, TestServers } from './test-servers';

declare global {
  var incubationTestServers: TestServers | undefined;
}

/** Starts the servers every integration suite shares and tells the suites where they are. */
export default async function globalSetup(): Promise<void> {
  const servers = await startTestServers();
  globalThis.incubationTestServers = servers;
  process.env[TEST_ENV.temporalAddress] = servers.temporal.address;
  process.env[TEST_ENV.databaseUrl] = servers.postgres.appUrl;
  process.env[TEST_ENV.databaseOwnerUrl] = servers.postgres.ownerUrl;
  process.env[TEST_ENV.databaseSuperuserUrl] = servers.postgres.superuserUrl;
  // One audit signing key for every suite (and every Jest worker process) of this run, so no
  // suite's checkpoints look forged to another's verification on the shared database.
  process.env.INCUBATION_TEST_AUDIT_SIGNING_KEY = generatedAuditSigningKey();
}
