import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The checkpoint signing key of a local `npm run up` (when AUDIT_SIGNING_KEY is not set): made
 * once into .data/audit-signing-key (readable by the owner only) and reused, so checkpoints
 * signed before a restart still verify. Deployments set AUDIT_SIGNING_KEY themselves.
 */
export function localAuditSigningKey(dataDir: string): string {
  const file = join(dataDir, 'audit-signing-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const { privateKey } = generateKeyPairSync('ed25519');
  const encoded = privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
  writeFileSync(file, `${encoded}\n`, { mode: 0o600 });
  return encoded;
}
