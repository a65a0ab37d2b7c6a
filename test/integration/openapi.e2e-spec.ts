import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { spawnSync } from 'node:child_process';
import { repoRoot } from '../../infra/dev/repo-root';
import { bootApi } from '../support/test-api';
import { testConfig } from '../support/test-env';

/**
 * The OpenAPI document is served at /docs and committed in the repository; it must not drift
 * from the code. `npm run openapi` regenerates both the DTO metadata and the document.
 */
describe('OpenAPI at /docs and in the repository', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await bootApi(testConfig());
  });
  afterAll(() => app?.close());

  it('serves the docs page and the document without a token', async () => {
    const page = await request(app.getHttpServer()).get('/docs').expect(200);
    expect(page.text).toContain('swagger');
    const document = await request(app.getHttpServer()).get('/docs-json').expect(200);
    expect(document.body.paths['/projects/{projectId}/screening'].post).toBeDefined();
  });

  it('matches the committed apps/api/openapi.json', async () => {
    const served = await request(app.getHttpServer()).get('/docs-json').expect(200);
    const committed: unknown = JSON.parse(
      readFileSync(join(repoRoot(), 'apps/api/openapi.json'), 'utf8'),
    );
    expect(served.body).toEqual(committed);
  });

  it('has DTO metadata and response schemas generated from the current sources', () => {
    // The generator is the Nest CLI's (ES modules Jest cannot load): run the built script.
    const scratch = mkdtempSync(join(tmpdir(), 'openapi-metadata-'));
    const run = spawnSync(
      process.execPath,
      [join(repoRoot(), 'dist/infra/build/openapi-metadata-cli.js'), scratch],
      { cwd: repoRoot(), encoding: 'utf8' },
    );
    expect(run.status).toBe(0);
    for (const file of ['openapi-metadata.ts', 'openapi-responses.ts']) {
      const fresh = readFileSync(join(scratch, file), 'utf8');
      const committed = readFileSync(join(repoRoot(), 'apps/api/src', file), 'utf8');
      expect(fresh).toBe(committed);
    }
  }, 60_000);
});
