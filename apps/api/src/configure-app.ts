import { ValidationPipe } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { ApiExceptionFilter } from './common/api-exception.filter';
import { ApiMetrics } from './metrics/api-metrics';
import { httpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { validationExceptionFactory } from './common/validation-exception.factory';
import { createOpenApiDocument, OPENAPI_PATH } from './openapi/openapi-document';

/** Largest JSON body accepted; everything a decision carries lands in the workflow's history. */
const JSON_BODY_LIMIT = '256kb';

/**
 * Everything about the HTTP edge that production and the e2e tests must share: validation,
 * error mapping, body limits, shutdown hooks and the OpenAPI docs at /docs.
 */
export async function configureApp(app: NestExpressApplication): Promise<NestExpressApplication> {
  app.use(httpMetricsMiddleware(app.get(ApiMetrics)));
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT });
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
  return app;
}
