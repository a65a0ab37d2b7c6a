import 'reflect-metadata';
import { InvalidConfigError, loadConfig } from '@app/config';
import { createDataSource, verifyAuditTrail } from '@app/persistence';

/**
 * `npm run audit:verify`: walks the audit chain and holds it against every signed checkpoint,
 * through the application's role (DATABASE_URL). Prints "intact, N rows, head hash …" and exits
 * 0, or names the first broken row and exits 1. `--json` prints the whole report.
 */
async function main(): Promise<number> {
  const json = process.argv.slice(2).includes('--json');
  const config = loadConfig();
  const dataSource = createDataSource({
    url: config.DATABASE_URL,
    poolSize: 1,
    applicationName: 'audit-verify',
  });
  await dataSource.initialize();
  try {
    const report = await verifyAuditTrail(dataSource, config.auditTrustedKeys);
    console.log(json ? JSON.stringify(report, null, 2) : report.summary);
    return report.intact ? 0 : 1;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      'audit:verify failed:',
      error instanceof InvalidConfigError || error instanceof Error ? error.message : error,
    );
    process.exit(2);
  },
);
