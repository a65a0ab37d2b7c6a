import { readFileSync } from 'node:fs';
import type { TLSConfig } from '@temporalio/client';
import type { AppConfig } from '@app/config';

function pemFile(path: string, key: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new Error(`${key}=${path} cannot be read: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/**
 * TLS (and mTLS) to Temporal from the config, or undefined for a plain connection. Any TLS file
 * turns TLS on; a client certificate needs its key and the other way round.
 */
export function temporalTls(config: AppConfig): TLSConfig | undefined {
  const ca = config.TEMPORAL_TLS_CA_FILE;
  const cert = config.TEMPORAL_TLS_CERT_FILE;
  const key = config.TEMPORAL_TLS_KEY_FILE;
  if (!config.TEMPORAL_TLS && !ca && !cert && !key) return undefined;
  if (Boolean(cert) !== Boolean(key)) {
    throw new Error(
      'TEMPORAL_TLS_CERT_FILE and TEMPORAL_TLS_KEY_FILE go together: mTLS needs the certificate and its key',
    );
  }
  return {
    serverRootCACertificate: ca ? pemFile(ca, 'TEMPORAL_TLS_CA_FILE') : undefined,
    clientCertPair:
      cert && key
        ? {
            crt: pemFile(cert, 'TEMPORAL_TLS_CERT_FILE'),
            key: pemFile(key, 'TEMPORAL_TLS_KEY_FILE'),
          }
        : undefined,
    serverNameOverride: config.TEMPORAL_TLS_SERVER_NAME || undefined,
  };
}

/** Where and how every client and worker connection reaches Temporal. */
export function temporalConnectionOptions(config: AppConfig): {
  address: string;
  tls: TLSConfig | undefined;
} {
  return { address: config.TEMPORAL_ADDRESS, tls: temporalTls(config) };
}
