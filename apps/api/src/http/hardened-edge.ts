import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pathOf } from '../common/request-path';
import { bodyLimitRefusal } from './body-limits';
import { securityHeaders } from './security-headers';

/** The routes that take multipart bodies (plan documents); every other body is JSON. */
const MULTIPART_ROUTES = new Set(['/projects/:projectId/plan-documents']);

/** The API's own pages (Swagger UI) are the only HTML it serves, and may be cached. */
const DOCS_PREFIX = '/docs';

function refuse(
  reply: FastifyReply,
  statusCode: number,
  error: string,
  body: Record<string, unknown>,
): FastifyReply {
  return reply
    .code(statusCode)
    .type('application/json')
    .send({ statusCode, error, ...body });
}

/** A route path with its :params and * wildcards as a regular expression. */
function routePattern(url: string): RegExp {
  const escaped = url
    .split('/')
    .map((part) =>
      part.startsWith(':')
        ? '[^/]+'
        : part === '*'
          ? '.*'
          : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  return new RegExp(`^${escaped}/?$`);
}

/**
 * The edge that holds against hostile clients, installed by configureApp before any route:
 * - only JSON bodies on JSON routes and only multipart on upload routes (415 otherwise; Fastify
 *   itself refuses media types it has no parser for, such as a form-encoded sign-in);
 * - bodies nested too deep, lists too long or strings too long refused (400 with the rule)
 *   before Nest's pipes transform and validate them;
 * - a method a path does not have is a 405 with Allow, not a 404;
 * - security headers on every answer, and `Cache-Control: no-store` on every answer outside the
 *   docs pages (they carry people's names, projects and tokens).
 */
export function installHardenedEdge(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  // Fastify parses text/plain by default; no route takes it.
  fastify.removeContentTypeParser('text/plain');

  const routes: { pattern: RegExp; method: string }[] = [];
  // Paths without parameters and their methods: `GET /me/notifications/read-all` matches
  // `GET /me/notifications/:notificationId`, yet that path is the POST route's (405, not 404).
  const staticPaths = new Map<string, Set<string>>();
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      routes.push({ pattern: routePattern(route.url), method: String(method) });
      if (!/[:*]/.test(route.url)) {
        staticPaths.set(route.url, (staticPaths.get(route.url) ?? new Set()).add(String(method)));
      }
    }
  });

  // helmet's headers, computed once (see security-headers.ts), on the raw response as
  // @fastify/helmet set them, so an error answer carries them too.
  const headers = securityHeaders();
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done) => {
    for (const [name, value] of headers.set) reply.raw.setHeader(name, value);
    for (const name of headers.removed) reply.raw.removeHeader(name);
    done();
  });

  // Callback-style (not async) hooks on every request: no promise per request (P0). A hook that
  // answers sends the reply and does not call done.
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done) => {
    if (!request.is404) {
      const path = pathOf(request.url);
      const methods = request.routeOptions.url === path ? undefined : staticPaths.get(path);
      if (!methods || methods.has(request.method)) return done();
      const allowed = [...methods].sort();
      reply.header('Allow', allowed.join(', '));
      refuse(reply, 405, 'Method Not Allowed', {
        message: `${request.method} is not allowed on ${path}; allowed: ${allowed.join(', ')}`,
        rule: 'method-not-allowed',
      });
      return;
    }
    // A CORS preflight is the CORS middleware's to answer (the codec routes have one).
    if (request.method === 'OPTIONS' && request.headers['access-control-request-method']) {
      return done();
    }
    const path = pathOf(request.url);
    const allowed = [
      ...new Set(routes.filter((r) => r.pattern.test(path)).map((r) => r.method)),
    ].sort();
    if (allowed.length === 0) return done();
    reply.header('Allow', allowed.join(', '));
    refuse(reply, 405, 'Method Not Allowed', {
      message: `${request.method} is not allowed on ${path}; allowed: ${allowed.join(', ')}`,
      rule: 'method-not-allowed',
    });
  });

  fastify.addHook('preValidation', (request: FastifyRequest, reply: FastifyReply, done) => {
    const route = request.routeOptions.url ?? '';
    const mediaType = String(request.headers['content-type'] ?? '')
      .split(';')[0]
      .trim()
      .toLowerCase();
    // A Content-Type on a request without a body (a GET, say) names nothing to refuse.
    const declaresBody =
      Number(request.headers['content-length'] ?? 0) > 0 ||
      request.headers['transfer-encoding'] !== undefined;
    const hasBody = request.body !== undefined || declaresBody;
    if (hasBody && mediaType) {
      const wanted = MULTIPART_ROUTES.has(route) ? null : 'application/json';
      if (wanted && mediaType !== wanted) {
        refuse(reply, 415, 'Unsupported Media Type', {
          message: `send the body as ${wanted} (got ${mediaType})`,
          rule: 'media-type',
          field: 'Content-Type',
        });
        return;
      }
    }
    // Every JSON body the API reads is an object: `null`, a number or a string is no request.
    if (
      declaresBody &&
      !MULTIPART_ROUTES.has(route) &&
      (request.body === null || typeof request.body !== 'object')
    ) {
      return refuse(reply, 400, 'Bad Request', {
        message: 'the body must be a JSON object',
        rule: 'body-object',
      });
    }
    const refusal = bodyLimitRefusal(request.body);
    if (refusal) {
      refuse(reply, 400, 'Bad Request', { ...refusal });
      return;
    }
    done();
  });

  fastify.addHook('onSend', (request: FastifyRequest, reply: FastifyReply, payload, done) => {
    // Personal data is never cached; the console's files set their own caching (hashed assets a
    // year, its page no-cache) and carry none.
    const path = pathOf(request.url);
    const ownCaching = path.startsWith('/app/') && reply.hasHeader('cache-control');
    if (!path.startsWith(DOCS_PREFIX) && !ownCaching) {
      reply.header('Cache-Control', 'no-store');
    }
    if (request.protocol === 'https') {
      reply.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    }
    done(null, payload);
  });
  return Promise.resolve();
}
