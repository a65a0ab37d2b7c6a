import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';

export type DatabaseSslMode = 'disable' | 'require' | 'verify-ca' | 'verify-full';

/**
 * node-postgres TLS options for libpq's sslmode: `require` encrypts without checking the
 * certificate, `verify-ca` checks it was signed by the CA, `verify-full` also checks the host
 * name. The CA file is PEM; without one, Node's own CA list is used.
 */
export function databaseSsl(mode: DatabaseSslMode, caFile = ''): ConnectionOptions | false {
  if (mode === 'disable') return false;
  const ca = caFile ? readFileSync(caFile, 'utf8') : undefined;
  if (mode === 'require') return { rejectUnauthorized: false };
  if (mode === 'verify-ca')
    return { ca, rejectUnauthorized: true, checkServerIdentity: () => undefined };
  return { ca, rejectUnauthorized: true };
}
