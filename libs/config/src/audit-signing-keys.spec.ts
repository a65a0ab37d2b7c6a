import { generateKeyPairSync } from 'node:crypto';
import { loadConfig } from './app-config';
import { parseAuditPublicKeys, parseAuditSigningKey } from './audit-signing-keys';

describe('audit signing keys', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const der = privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

  it('reads a private key as base64 DER, PEM or one-line PEM, with the same key id', () => {
    const ids = [der, pem, pem.replace(/\n/g, '\\n')].map(
      (text) => parseAuditSigningKey(text).keyId,
    );
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).toMatch(/^[0-9a-f]{16}$/);
  });

  it('reads trusted public keys, comma-separated DER or PEM', () => {
    const spki = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const other = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' });
    expect(parseAuditPublicKeys(`${spki},${spki}`)).toHaveLength(2);
    expect(parseAuditPublicKeys(`${other.toString()}\n${other.toString()}`)).toHaveLength(2);
    expect(parseAuditPublicKeys('')).toEqual([]);
  });

  it('refuses a key that is not Ed25519 without repeating the secret', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .privateKey.export({ type: 'pkcs8', format: 'der' })
      .toString('base64');
    expect(() => loadConfig({ AUDIT_SIGNING_KEY: rsa })).toThrow(
      /AUDIT_SIGNING_KEY=\(hidden\): must be an Ed25519 private key .*not Ed25519/,
    );
    expect(() => loadConfig({ AUDIT_SIGNING_KEY: rsa })).not.toThrow(new RegExp(rsa.slice(0, 40)));
  });

  it('signs nothing by default and trusts the signing key when set', () => {
    expect(loadConfig({}).auditSigningKey).toBeNull();
    const config = loadConfig({ AUDIT_SIGNING_KEY: der });
    expect(config.auditTrustedKeys.map((key) => key.keyId)).toEqual([
      config.auditSigningKey?.keyId,
    ]);
  });
});
