import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { AppConfig } from '@app/config';
import { AppModule } from '../../apps/api/src/app.module';
import { createHttpAdapter } from '../../apps/api/src/http/http-adapter';
import { createOpenApiDocument } from '../../apps/api/src/openapi/openapi-document';
import { repoRoot } from '../dev/repo-root';

export const OPENAPI_JSON = 'apps/api/openapi.json';

/**
 * `npm run openapi`, last step: writes the OpenAPI document the API serves at /docs into the
 * repository. Preview mode builds the module graph without connecting to anything.
 */
async function main(): Promise<void> {
  const app = await NestFactory.create(AppModule.forConfig(new AppConfig()), createHttpAdapter(), {
    preview: true,
    logger: false,
  });
  const document = await createOpenApiDocument(app);
  writeFileSync(join(repoRoot(), OPENAPI_JSON), `${JSON.stringify(document, null, 2)}\n`);
  await app.close();
  console.log(`wrote ${OPENAPI_JSON} (${Object.keys(document.paths).length} paths)`);
}

main().catch((error: unknown) => {
  console.error('writing the OpenAPI document failed:', error);
  process.exit(1);
});
