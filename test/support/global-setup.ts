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
}
