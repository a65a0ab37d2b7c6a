import { connect } from 'node:net';

export interface RawAnswer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * Sends a request byte for byte over a socket: Node's own HTTP client refuses to send a header
 * holding NUL or bytes outside ASCII, which is exactly what these tests need to send.
 */
export function rawHttpRequest(port: number, head: Buffer, body = ''): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      const payload = text.split('\r\n\r\n').slice(1).join('\r\n\r\n');
      let parsed: Record<string, unknown>;
      try {
        parsed = JSON.parse(payload) as Record<string, unknown>;
      } catch {
        parsed = { raw: payload };
      }
      resolve({ status, body: parsed });
    });
    socket.write(Buffer.concat([head, Buffer.from(body, 'utf8')]));
  });
}

/** An HTTP/1.1 request head with one header's value given as raw bytes. */
export function requestHead(
  method: string,
  path: string,
  headers: [string, string | Buffer][],
  bodyLength = 0,
): Buffer {
  const parts: Buffer[] = [Buffer.from(`${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n`)];
  for (const [name, value] of headers) {
    parts.push(Buffer.from(`${name}: `), Buffer.isBuffer(value) ? value : Buffer.from(value));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`Content-Length: ${bodyLength}\r\nConnection: close\r\n\r\n`));
  return Buffer.concat(parts);
}
