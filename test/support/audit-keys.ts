import { generateKeyPairSync } from 'node:crypto';

/** A fresh Ed25519 private key as AUDIT_SIGNING_KEY takes it (base64 PKCS#8 DER). */
export function generatedAuditSigningKey(): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  return privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
}

/**
 * One signing key for the whole test run (made by the global setup): suites that sign
 * checkpoints on the shared database must agree on the trusted key, or one suite's checkpoints
 * would fail another's verification.
 */
export function sharedTestAuditSigningKey(): string {
  process.env.INCUBATION_TEST_AUDIT_SIGNING_KEY ??= generatedAuditSigningKey();
  return process.env.INCUBATION_TEST_AUDIT_SIGNING_KEY;
}
