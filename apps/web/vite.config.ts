import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/** Where `npm run dev:web` sends API calls; the API serves the built console itself. */
const apiTarget = process.env.API_URL ?? 'http://localhost:3000';
const apiRoutes = ['/auth', '/me', '/projects', '/mentors', '/admin', '/audit', '/security-events'];

export default defineConfig({
  root: here('.'),
  // The API serves the console under /app/; its own routes stay at the root.
  base: '/app/',
  plugins: [react()],
  resolve: {
    alias: { '@app/domain': here('../../libs/domain/src/index.ts') },
  },
  build: {
    outDir: here('../../dist/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: Object.fromEntries(apiRoutes.map((route) => [route, apiTarget])),
  },
});
