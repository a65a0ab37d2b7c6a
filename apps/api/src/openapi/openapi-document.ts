import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AppConfig } from '@app/config';
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
 * The classes of each handler's arguments, by Swagger's first operation id
 * ("Controller_method"): a query parameter is described by its own query class's rules.
 */
function argumentClasses(app: INestApplication): Map<string, DtoClass[]> {
  const byOperation = new Map<string, DtoClass[]>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as DtoClass | null;
      if (!controller) continue;
      const prototype = controller.prototype as object;
      for (const method of Object.getOwnPropertyNames(prototype)) {
        const types = Reflect.getMetadata('design:paramtypes', prototype, method) as
          DtoClass[] | undefined;
        if (types) byOperation.set(`${controller.name}_${method}`, types.filter(Boolean));
      }
    }
  }
  return byOperation;
}

/** The namespace the codec serves (the document a running API serves says its own). */
function codecNamespace(app: INestApplication): string {
  try {
    return app.get(AppConfig).TEMPORAL_NAMESPACE;
  } catch {
    return new AppConfig().TEMPORAL_NAMESPACE;
  }
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
  // The validators' rules first, while operation ids still name the controller and handler.
  return describeResponses(
    describeValidationRules(SwaggerModule.createDocument(app, config), {
      classes: await dtoClasses(),
      argumentClasses: argumentClasses(app),
      codecNamespace: codecNamespace(app),
    }),
  );
}
