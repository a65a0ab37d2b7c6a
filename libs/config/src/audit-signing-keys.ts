import { createHash, createPrivateKey, createPublicKey, KeyObject } from 'node:crypto';

/** An Ed25519 key pair for signing audit checkpoints, with the id reviewers see. */
export interface AuditSigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  keyId: string;
  publicKeyPem: string;
}

export interface AuditPublicKey {
  publicKey: KeyObject;
  keyId: string;
}

const PEM = /-----BEGIN [A-Z ]+-----/;

/** PEM as given (literal `\n` allowed, for one-line environment values) or base64 DER. */
function keyMaterial(text: string): { key: string | Buffer; format: 'pem' | 'der' } {
  const trimmed = text.trim().replace(/\\n/g, '\n');
  return PEM.test(trimmed)
    ? { key: trimmed, format: 'pem' }
    : { key: Buffer.from(trimmed, 'base64'), format: 'der' };
}

/** First 16 hex digits of sha256 over the public key's SPKI DER. */
export function auditKeyId(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

/** Parses an Ed25519 private key (PKCS#8 PEM or base64 DER); throws naming what is wrong. */
export function parseAuditSigningKey(text: string): AuditSigningKey {
  const { key, format } = keyMaterial(text);
  const privateKey =
    format === 'pem'
      ? createPrivateKey({ key, format })
      : createPrivateKey({ key, format, type: 'pkcs8' });
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(`is a ${privateKey.asymmetricKeyType ?? 'non-asymmetric'} key, not Ed25519`);
  }
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKey,
    keyId: auditKeyId(publicKey),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** Parses an Ed25519 public key (SPKI PEM or base64 DER). */
export function parseAuditPublicKey(text: string): AuditPublicKey {
  const { key, format } = keyMaterial(text);
  const publicKey =
    format === 'pem'
      ? createPublicKey({ key, format })
      : createPublicKey({ key, format, type: 'spki' });
  if (publicKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(`is a ${publicKey.asymmetricKeyType ?? 'non-asymmetric'} key, not Ed25519`);
  }
  return { publicKey, keyId: auditKeyId(publicKey) };
}

/** Public keys separated by commas (base64 DER) or blank lines (PEM). */
export function parseAuditPublicKeys(text: string): AuditPublicKey[] {
  const trimmed = text.trim().replace(/\\n/g, '\n');
  if (trimmed === '') return [];
  const parts = PEM.test(trimmed)
    ? (trimmed.match(/-----BEGIN [A-Z ]+-----[\s\S]+?-----END [A-Z ]+-----/g) ?? [])
    : trimmed.split(',');
  return parts.map((part) => parseAuditPublicKey(part));
}
