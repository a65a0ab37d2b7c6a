import { FastifyAdapter } from '@nestjs/platform-fastify';
import { requestId } from '../common/logger.options';
import { answerBadUrl, collectRoutePatterns } from '../common/storable-input.guard';
import { answerClientError } from '../common/unparsable-header.handler';

/** Largest JSON body accepted unless configured (JSON_BODY_MAX_BYTES). */
export const JSON_BODY_LIMIT_BYTES = 256 * 1024;

/**
 * The HTTP server under Nest: Fastify (bench/README.md, "The HTTP adapter", measured its floor
 * at about twice Express's). main.ts, the tests and the benchmark all build it here.
 */
export function createHttpAdapter(
  options: { trustProxy?: boolean; bodyLimitBytes?: number } = {},
): FastifyAdapter {
  const routes: string[] = [];
  const adapter = new FastifyAdapter({
    // request.ip is the socket's address unless a proxy we run is trusted to name the caller.
    trustProxy: options.trustProxy ?? false,
    bodyLimit: options.bodyLimitBytes ?? JSON_BODY_LIMIT_BYTES,
    // The request id pino logs (an X-Request-Id the caller sent, or a fresh uuid).
    genReqId: requestId,
    // Express answered "/projects/" like "/projects"; clients may rely on it.
    routerOptions: { ignoreTrailingSlash: true },
    // Bad bytes in a path or a header are answered like every other bad field, naming it.
    frameworkErrors: answerBadUrl(routes),
    clientErrorHandler: answerClientError,
  });
  collectRoutePatterns(adapter.getInstance(), routes);
  return adapter;
}
