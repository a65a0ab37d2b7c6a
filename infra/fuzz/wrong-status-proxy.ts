import { createServer, request, Server } from 'node:http';
import { freePort } from '../dev/free-port';

/**
 * A test build of the API for the fuzzer's self-check: every request passes through to the
 * real API, except that `GET /me` is answered with a status its operation does not declare
 * (418, or `status`: the reliability suite's bite makes it a 500). A fuzz run that does not
 * fail on it would prove nothing.
 */
export async function startWrongStatusProxy(
  target: string,
  status = 418,
): Promise<{ url: string; stop(): Promise<void> }> {
  const upstream = new URL(target);
  const server: Server = createServer((incoming, outgoing) => {
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
      },
      (answer) => {
        const wrong = incoming.method === 'GET' && incoming.url?.split('?')[0] === '/me';
        outgoing.writeHead(wrong ? status : (answer.statusCode ?? 502), answer.headers);
        answer.pipe(outgoing);
      },
    );
    forward.on('error', () => outgoing.destroy());
    incoming.pipe(forward);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
