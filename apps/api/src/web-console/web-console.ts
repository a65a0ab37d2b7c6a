import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';

export const WEB_CONSOLE_PREFIX = '/app/';

/** Vite names every built asset after its content, so a cached copy never goes stale. */
const HASHED_ASSET = 'public, max-age=31536000, immutable';
/** index.html names the current assets: the browser asks again each time. */
const ENTRY_PAGE = 'no-cache';

/**
 * Serves the built web console under /app/: hashed assets with a long cache, index.html for
 * every other path under /app/ (the console's own routes), and / redirected there. The API's
 * routes stay at the root, so /projects/:id reloaded in a browser is still the API. These routes
 * are the adapter's own, outside Nest's guards: the console's files are public, its data is not.
 */
export async function mountWebConsole(
  app: NestFastifyApplication,
  directory: string,
): Promise<void> {
  const root = resolve(directory);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/', (_request, reply) => reply.redirect(WEB_CONSOLE_PREFIX, 302));
  if (!existsSync(join(root, 'index.html'))) {
    new Logger('WebConsole').warn(`no web console at ${root}: run npm run build`);
    fastify.get('/app/*', (_request, reply) => notBuilt(reply));
    fastify.get('/app/', (_request, reply) => notBuilt(reply));
    return;
  }
  await app.register(fastifyStatic, {
    root: join(root, 'assets'),
    prefix: `${WEB_CONSOLE_PREFIX}assets/`,
    // One route per built asset; anything else under /app/assets/ is a 404 (below).
    wildcard: false,
    index: false,
    cacheControl: false,
    // The build writes .br and .gz beside each script and stylesheet (apps/web/vite.config.ts).
    preCompressed: true,
    // sendFile('index.html') below passes through here too.
    setHeaders: (response, path) => {
      response.header('Cache-Control', path.endsWith('.html') ? ENTRY_PAGE : HASHED_ASSET);
    },
  });
  const entryPage = (reply: FastifyReply) => reply.sendFile('index.html', root);
  fastify.get('/app/', (_request, reply) => entryPage(reply));
  fastify.get('/app/*', (request, reply) => {
    // A missing asset is a 404, not the page: a stale index.html must not get HTML as script.
    if (request.url.startsWith('/app/assets/')) {
      return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: 'no such file' });
    }
    return entryPage(reply);
  });
}

function notBuilt(reply: FastifyReply): FastifyReply {
  return reply.code(404).send({
    statusCode: 404,
    error: 'Not Found',
    message: 'the web console is not built: run npm run build',
  });
}
