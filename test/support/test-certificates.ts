import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TestCertificates {
  caFile: string;
  serverCertFile: string;
  serverKeyFile: string;
  /** A second CA that signed nothing the server presents. */
  otherCaFile: string;
  serverName: string;
  /** mTLS: a client certificate the CA signed, and one the other CA signed. */
  clientCertFile: string;
  clientKeyFile: string;
  otherClientCertFile: string;
  otherClientKeyFile: string;
}

function openssl(args: string[]): void {
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

function selfSignedCa(dir: string, name: string): { cert: string; key: string } {
  const cert = join(dir, `${name}.pem`);
  const key = join(dir, `${name}.key`);
  openssl(
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${name}`].concat([
      '-keyout',
      key,
      '-out',
      cert,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
    ]),
  );
  return { cert, key };
}

/** A key and a certificate for `name`, signed by `ca`, with the extensions given. */
function signedCertificate(
  dir: string,
  name: string,
  ca: { cert: string; key: string },
  extensions: string,
): { cert: string; key: string } {
  const key = join(dir, `${name}.key`);
  const csr = join(dir, `${name}.csr`);
  const cert = join(dir, `${name}.pem`);
  const ext = join(dir, `${name}.ext`);
  writeFileSync(ext, extensions);
  openssl([
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    `/CN=${name}`,
    '-keyout',
    key,
    '-out',
    csr,
  ]);
  openssl([
    'x509',
    '-req',
    '-in',
    csr,
    '-CA',
    ca.cert,
    '-CAkey',
    ca.key,
    '-CAcreateserial',
    '-days',
    '2',
    '-out',
    cert,
    '-extfile',
    ext,
  ]);
  return { cert, key };
}

/**
 * A CA, a server certificate it signed (for `serverName` and 127.0.0.1; also good as a client
 * certificate, which the server's own services present to a frontend that requires one), an
 * unrelated CA, and a client certificate from each CA.
 */
export function makeTestCertificates(dir: string, serverName = 'temporal.test'): TestCertificates {
  const ca = selfSignedCa(dir, 'test-ca');
  const other = selfSignedCa(dir, 'other-ca');
  const server = signedCertificate(
    dir,
    serverName,
    ca,
    `subjectAltName=DNS:${serverName},IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n`,
  );
  const clientExt = 'extendedKeyUsage=clientAuth\n';
  const client = signedCertificate(dir, 'worker.client', ca, clientExt);
  const otherClient = signedCertificate(dir, 'stranger.client', other, clientExt);
  return {
    caFile: ca.cert,
    serverCertFile: server.cert,
    serverKeyFile: server.key,
    otherCaFile: other.cert,
    serverName,
    clientCertFile: client.cert,
    clientKeyFile: client.key,
    otherClientCertFile: otherClient.cert,
    otherClientKeyFile: otherClient.key,
  };
}
