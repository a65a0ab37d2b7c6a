import fastifyMultipart from '@fastify/multipart';
import { ValidationPipe } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { AppConfig } from '@app/config';
import { ApiExceptionFilter } from './common/api-exception.filter';
import { validationExceptionFactory } from './common/validation-exception.factory';
import { createOpenApiDocument, OPENAPI_PATH } from './openapi/openapi-document';
import { mountWebConsole } from './web-console/web-console';

/**
 * Everything about the HTTP edge that production and the e2e tests must share: validation,
 * error mapping, multipart uploads, shutdown hooks and the OpenAPI docs at /docs (the JSON body
 * limit is the adapter's, see http/http-adapter.ts).
 */
export async function configureApp(app: NestFastifyApplication): Promise<NestFastifyApplication> {
  // Plan documents; the limits of each upload are set where it is read.
  await app.register(fastifyMultipart);
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: validationExceptionFactory,
    }),
  );
  app.useGlobalFilters(new ApiExceptionFilter());
  // The API owns its signals (the worker leaves them to Temporal's Runtime).
  app.enableShutdownHooks();
  SwaggerModule.setup(OPENAPI_PATH, app, await createOpenApiDocument(app));
  // The web console under /app/, built by `npm run build`.
  await mountWebConsole(app, app.get(AppConfig).WEB_CONSOLE_PATH);
  return app;
}
