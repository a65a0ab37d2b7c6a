import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { InvalidConfigError, loadConfig } from '@app/config';
import { AppModule } from './app.module';
import { configureApp } from './configure-app';
import { createHttpAdapter } from './http/http-adapter';
import { MetricsServer } from './metrics/metrics-server';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forConfig(config),
    createHttpAdapter({
      trustProxy: config.TRUST_PROXY,
      bodyLimitBytes: config.JSON_BODY_MAX_BYTES,
    }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  await configureApp(app);
  await app.listen(config.PORT, '0.0.0.0');
  await app.get(MetricsServer).start();
}

bootstrap().catch((error: unknown) => {
  // A bad config is an operator's mistake: say which keys, without a stack trace.
  console.error(error instanceof InvalidConfigError ? error.message : error);
  process.exit(1);
});
