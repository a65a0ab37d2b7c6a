import { AddressInfo, createServer, Server, Socket, connect } from 'node:net';

/**
 * A TCP proxy in front of a real server whose answers can be held back: requests reach the
 * server at once, its replies reach the client `delayMs` later (in order). With a client
 * deadline shorter than the delay, the server acts on a request whose answer the client never
 * sees in time, which is how a start "fails" after Temporal accepted it.
 */
export class DelayingProxy {
  delayMs = 0;
  private readonly sockets = new Set<Socket>();

  private constructor(private readonly server: Server) {}

  static async start(target: string): Promise<DelayingProxy> {
    const [host, port] = target.split(':');
    const server = createServer();
    const proxy = new DelayingProxy(server);
    server.on('connection', (client) => {
      const upstream = connect(Number(port), host);
      proxy.track(client);
      proxy.track(upstream);
      let releaseAt = 0;
      client.on('data', (chunk) => upstream.write(chunk));
      upstream.on('data', (chunk) => {
        // Never reorder: a chunk leaves no earlier than the one before it.
        releaseAt = Math.max(Date.now() + proxy.delayMs, releaseAt);
        setTimeout(() => client.writable && client.write(chunk), releaseAt - Date.now());
      });
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get address(): string {
    return `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
  }
}
