import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from '@app/config';
import { redactUrl } from './redact-url';

/** The caller's X-Request-Id when it is a plain token, else a fresh uuid. */
export function requestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && /^[\w-]{1,100}$/.test(given) ? given : randomUUID();
}

/**
 * The request headers a log line keeps: the ones that explain a request. Any other header is
 * the caller's to name and fill (a fuzzer sent one called "password"), so it is left out.
 */
const LOGGED_HEADERS = [
  'host',
  'user-agent',
  'content-type',
  'content-length',
  'accept',
  'origin',
  'referer',
  'x-request-id',
  'x-forwarded-for',
  'authorization',
  'cookie',
];

function loggedHeaders(headers: unknown): Record<string, unknown> | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  const all = headers as Record<string, unknown>;
  return Object.fromEntries(
    LOGGED_HEADERS.filter((name) => name in all).map((name) => [name, all[name]]),
  );
}

/** Structured JSON logs with a request id; credentials never reach a log line. */
export function loggerOptions(config: AppConfig): Params {
  return {
    // Every path, spelled so the Fastify adapter's middleware matcher reads it (its default
    // "{/*splat}" matches nothing there, and no request would be logged).
    forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: config.LOG_LEVEL,
      genReqId: requestId,
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["x-api-key"]',
          'req.body.password',
          'req.body.token',
          'res.headers["set-cookie"]',
          'res.body.token',
          // Anything a handler or filter logs as an object: its own credentials fields.
          'password',
          'passwordHash',
          'token',
          '*.password',
          '*.passwordHash',
          '*.token',
        ],
        censor: '[redacted]',
      },
      serializers: {
        // Query strings are redacted like headers: names kept, values never.
        req: (req: Record<string, unknown>) => ({
          ...req,
          url: typeof req.url === 'string' ? redactUrl(req.url) : req.url,
          query: undefined,
          headers: loggedHeaders(req.headers),
        }),
      },
      autoLogging: {
        ignore: (request: IncomingMessage) => request.url?.startsWith('/health') ?? false,
      },
    },
  };
}
