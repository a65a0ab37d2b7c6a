import fastifyMultipart from '@fastify/multipart';
import { ValidationPipe } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { AppConfig } from '@app/config';
import { refuseUnstorableInput } from './common/storable-input.guard';
import { ApiMetrics } from './metrics/api-metrics';
import { countHttpAnswers } from './metrics/http-metrics.hook';
import { validationExceptionFactory } from './common/validation-exception.factory';
import { installHardenedEdge } from './http/hardened-edge';
import { createOpenApiDocument, OPENAPI_PATH } from './openapi/openapi-document';
import { mountWebConsole } from './web-console/web-console';
import { SecurityLogService } from './security-log/security-log.service';
import { SecurityRecordingExceptionFilter } from './security-log/security-refusal.filter';

/**
 * Everything about the HTTP edge that production and the e2e tests must share: validation,
 * error mapping, multipart uploads, shutdown hooks and the OpenAPI docs at /docs (the JSON body
 * limit is the adapter's, see http/http-adapter.ts).
 */
export async function configureApp(app: NestFastifyApplication): Promise<NestFastifyApplication> {
  // Every answer counted and timed by its route template, 401s, 403s and 404s included.
  countHttpAnswers(app.getHttpAdapter().getInstance(), app.get(ApiMetrics));
  // Plan documents; the limits of each upload are set where it is read.
  await app.register(fastifyMultipart);
  // Media types, body depth and sizes, 405, security headers (before any route is added).
  await installHardenedEdge(app);
  // After the depth and size limits (a deep body is refused before it is walked): unstorable
  // characters never reach authentication, a pipe or a service.
  refuseUnstorableInput(app.getHttpAdapter().getInstance());
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: validationExceptionFactory,
    }),
  );
  // ApiExceptionFilter's answers, after writing a security refusal to the security log.
  app.useGlobalFilters(new SecurityRecordingExceptionFilter(app.get(SecurityLogService)));
  // The API owns its signals (the worker leaves them to Temporal's Runtime).
  app.enableShutdownHooks();
  SwaggerModule.setup(OPENAPI_PATH, app, await createOpenApiDocument(app));
  // The web console under /app/, built by `npm run build`.
  await mountWebConsole(app, app.get(AppConfig).WEB_CONSOLE_PATH);
  return app;
}
