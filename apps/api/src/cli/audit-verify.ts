import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  AuditPublicKey,
  InvalidConfigError,
  loadConfig,
  parseAuditPublicKey,
  parseAuditPublicKeys,
} from '@app/config';
import {
  AuditBundle,
  createDataSource,
  verifyAuditBundle,
  verifyAuditTrail,
} from '@app/persistence';

/**
 * `npm run audit:verify`: walks the audit chain and holds it against every signed checkpoint,
 * through the application's role (DATABASE_URL). Prints "intact, N rows, head hash …" and exits
 * 0, or names the first broken row and exits 1. `--json` prints the whole report.
 *
 * `npm run audit:verify -- --bundle FILE [--public-key FILE]…`: verifies an exported bundle
 * offline, with no database and no configuration: the checkpoints' signatures (against the
 * given keys, AUDIT_TRUSTED_PUBLIC_KEYS, or else the keys the bundle carries, said so) and
 * every row's link from the first checkpoint to the last.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      json: { type: 'boolean', default: false },
      bundle: { type: 'string' },
      'public-key': { type: 'string', multiple: true },
    },
    strict: true,
    allowPositionals: false,
  });
  const json = values.json ?? false;
  if (values.bundle !== undefined)
    return verifyBundleFile(values.bundle, values['public-key'] ?? [], json);
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

function verifyBundleFile(path: string, keyFiles: string[], json: boolean): number {
  const bundle = JSON.parse(readFileSync(path, 'utf8')) as AuditBundle;
  const trusted: AuditPublicKey[] = [
    ...keyFiles.map((file) => parseAuditPublicKey(readFileSync(file, 'utf8'))),
    ...parseAuditPublicKeys(process.env.AUDIT_TRUSTED_PUBLIC_KEYS ?? ''),
  ];
  const carried = [bundle.end, bundle.start].flatMap((checkpoint) =>
    'publicKey' in checkpoint ? [parseAuditPublicKey(checkpoint.publicKey)] : [],
  );
  const report = verifyAuditBundle(bundle, trusted, carried);
  console.log(json ? JSON.stringify(report, null, 2) : report.summary);
  return report.intact ? 0 : 1;
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
