import { FastifyAdapter } from '@nestjs/platform-fastify';
import { requestId } from '../common/logger.options';

/** Largest JSON body accepted; everything a decision carries lands in the workflow's history. */
export const JSON_BODY_LIMIT_BYTES = 256 * 1024;

/**
 * The HTTP server under Nest: Fastify (bench/README.md, "The HTTP adapter", measured its floor
 * at about twice Express's). main.ts, the tests and the benchmark all build it here.
 */
export function createHttpAdapter(options: { trustProxy?: boolean } = {}): FastifyAdapter {
  return new FastifyAdapter({
    // request.ip is the socket's address unless a proxy we run is trusted to name the caller.
    trustProxy: options.trustProxy ?? false,
    bodyLimit: JSON_BODY_LIMIT_BYTES,
    // The request id pino logs (an X-Request-Id the caller sent, or a fresh uuid).
    genReqId: requestId,
    // Express answered "/projects/" like "/projects"; clients may rely on it.
    routerOptions: { ignoreTrailingSlash: true },
  });
}
