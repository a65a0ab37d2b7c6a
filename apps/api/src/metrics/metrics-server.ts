import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppConfig } from '@app/config';
import { ApiMetrics } from './api-metrics';

/**
 * Serves `/metrics` in Prometheus' text format on METRICS_PORT, a listener apart from the
 * public API: operators scrape it from inside, and it needs no token. Started by the HTTP
 * API's main (not on module init), so the seed CLI and the OpenAPI writer, which load the
 * same module, never take the port.
 */
@Injectable()
export class MetricsServer implements OnApplicationShutdown {
  private readonly logger = new Logger(MetricsServer.name);
  private server?: Server;

  constructor(
    private readonly metrics: ApiMetrics,
    private readonly config: AppConfig,
  ) {}

  async start(): Promise<void> {
    if (this.server) return;
    const server = createServer((request, response) => {
      if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
        response.writeHead(404).end();
        return;
      }
      this.metrics.registry.metrics().then(
        (text) => {
          response.writeHead(200, { 'Content-Type': this.metrics.registry.contentType });
          response.end(text);
        },
        (error: unknown) => {
          this.logger.warn(`metrics collection failed: ${String(error)}`);
          response.writeHead(500).end();
        },
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.METRICS_PORT, () => resolve());
    });
    this.server = server;
  }

  /** Where it listens (the port the system chose when METRICS_PORT is 0). */
  port(): number {
    return (this.server?.address() as AddressInfo).port;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
