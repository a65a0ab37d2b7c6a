import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import loadOpenApiMetadata from '../openapi-metadata';
import { describeResponses } from './response-truth';
import { DtoClass, describeValidationRules } from './validation-rules';

export const OPENAPI_PATH = 'docs';

/** Every class the Swagger plugin described (a DTO without rules of its own inherits some). */
async function dtoClasses(): Promise<DtoClass[]> {
  const metadata = (await loadOpenApiMetadata())['@nestjs/swagger'] as unknown as {
    models: [Promise<Record<string, unknown>>, unknown][];
  };
  const modules = await Promise.all(metadata.models.map(([module]) => module));
  return modules.flatMap((module) =>
    Object.values(module).filter((value): value is DtoClass => typeof value === 'function'),
  );
}

/**
 * The API's OpenAPI document, built from the controllers and the generated DTO metadata
 * (`npm run openapi` regenerates both the metadata and the committed `apps/api/openapi.json`).
 */
export async function createOpenApiDocument(app: INestApplication): Promise<OpenAPIObject> {
  await SwaggerModule.loadPluginMetadata(loadOpenApiMetadata);
  const config = new DocumentBuilder()
    .setTitle('Incubation pipeline API')
    .setDescription(
      'Projects of the technology-transfer incubation center: submissions, decisions as ' +
        'Temporal Updates, and what staff, mentors and reviewers read. Every route but sign-in, ' +
        'health and these docs needs a bearer token (session or API token).',
    )
    .setVersion('1')
    .setOpenAPIVersion('3.1.0')
    .build();
  return describeValidationRules(
    describeResponses(SwaggerModule.createDocument(app, config)),
    await dtoClasses(),
  );
}
