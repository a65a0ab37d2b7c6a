import { generateKeyPairSync } from 'node:crypto';
import { auditKeyId } from '@app/config';

/**
 * `npm run audit:keygen`: a new Ed25519 key pair for AUDIT_SIGNING_KEY. Prints the private key
 * (base64 PKCS#8 DER, one line for an environment file) on stdout and the public key and its
 * id on stderr, so `npm run --silent audit:keygen > key` keeps only the secret in the file.
 */
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
console.error(`key id ${auditKeyId(publicKey)}`);
console.error(publicKey.export({ type: 'spki', format: 'pem' }).toString().trim());
console.log(privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'));
