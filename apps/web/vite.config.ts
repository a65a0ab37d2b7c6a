import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { antdFirstScreen } from './scripts/antd-first-screen.ts';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/** Where `npm run dev:web` sends API calls; the API serves the built console itself. */
const apiTarget = process.env.API_URL ?? 'http://localhost:3000';
const apiRoutes = ['/auth', '/me', '/projects', '/mentors', '/admin', '/audit', '/security-events'];

/**
 * main.tsx loads the app (boot.tsx) with a dynamic import so that it can send the board's
 * requests first; this puts the app's chunks back into index.html as module preloads, so the
 * browser still fetches them from the first byte of the page, beside the entry, and marks the
 * entry async. The board's own chunks (~6 KB, the route most visits open) are preloaded too:
 * asked for by the entry after the board's data, they waited ~800 ms behind those requests for
 * one of Chromium's six connections (bench/README.md, C2 a third time).
 */
function preloadApp(): Plugin {
  return {
    name: 'preload-app',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, { bundle, chunk }) {
        if (!bundle || !chunk) return html;
        const chunks = new Map(
          Object.values(bundle).flatMap((item) =>
            item.type === 'chunk' ? [[item.fileName, item]] : [],
          ),
        );
        const entryOf = (path: string) =>
          [...chunks.values()].find((item) => item.facadeModuleId?.endsWith(path));
        const boot = entryOf('/src/boot.tsx');
        const board = entryOf('/src/projects/BoardPage.tsx');
        if (!boot || !board) return html;
        const files = new Set<string>();
        const visit = (fileName: string) => {
          if (files.has(fileName) || fileName === chunk.fileName) return;
          files.add(fileName);
          chunks.get(fileName)?.imports.forEach(visit);
        };
        visit(boot.fileName);
        visit(board.fileName);
        chunk.imports.forEach((fileName) => files.delete(fileName));
        // The board's stylesheet is inserted by its dynamic import; fetched now, it is cached.
        const boardCss = [...files].flatMap((fileName) => [
          ...(chunks.get(fileName)?.viteMetadata?.importedCss ?? []),
        ]);
        return {
          // async: the entry runs once its own code is there, not after the stylesheet is
          // parsed (main.tsx waits for that itself before the app renders).
          html: html.replace(
            '<script type="module" crossorigin',
            '<script type="module" async crossorigin',
          ),
          tags: [
            ...[...files].map((fileName) => ({
              tag: 'link',
              attrs: { rel: 'modulepreload', crossorigin: true, href: `/app/${fileName}` },
              injectTo: 'head' as const,
            })),
            ...boardCss.map((fileName) => ({
              tag: 'link',
              attrs: { rel: 'preload', as: 'style', crossorigin: true, href: `/app/${fileName}` },
              injectTo: 'head' as const,
            })),
          ],
        };
      },
    },
  };
}

/**
 * Writes a .br and a .gz beside every script and stylesheet, once at build time, which the API
 * sends to a browser that accepts them (`preCompressed` in web-console.ts): the board's first
 * load moved ~1.8 MB of uncompressed script and CSS (bench/README.md, C2).
 */
function precompress(): Plugin {
  return {
    name: 'precompress',
    apply: 'build',
    writeBundle({ dir }) {
      const assets = join(dir!, 'assets');
      for (const name of readdirSync(assets)) {
        if (!/\.(js|css)$/.test(name)) continue;
        const body = readFileSync(join(assets, name));
        if (body.length < 1024) continue;
        writeFileSync(join(assets, `${name}.gz`), gzipSync(body, { level: 9 }));
        writeFileSync(
          join(assets, `${name}.br`),
          brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
      }
    },
  };
}

export default defineConfig({
  root: here('.'),
  // The API serves the console under /app/; its own routes stay at the root.
  base: '/app/',
  plugins: [react(), antdFirstScreen(), preloadApp(), precompress()],
  resolve: {
    alias: { '@app/domain': here('../../libs/domain/src/index.ts') },
  },
  build: {
    outDir: here('../../dist/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    // WEB_SOURCEMAP=1: maps beside the chunks (not linked from them), for C2's profile to
    // charge the board's main-thread time to packages and files (bench/README.md).
    sourcemap: process.env.WEB_SOURCEMAP ? 'hidden' : false,
  },
  server: {
    proxy: Object.fromEntries(apiRoutes.map((route) => [route, apiTarget])),
  },
});
