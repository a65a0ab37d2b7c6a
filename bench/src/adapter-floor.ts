import 'reflect-metadata';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CanActivate,
  Controller,
  ExecutionContext,
  Get,
  INestApplication,
  Injectable,
  Module,
  ValidationPipe,
} from '@nestjs/common';
import { APP_GUARD, NestFactory, Reflector } from '@nestjs/core';
import { ExpressAdapter, NestExpressApplication } from '@nestjs/platform-express';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, ConfigModule, loadConfig } from '@app/config';
import { ApiExceptionFilter } from '../../apps/api/src/common/api-exception.filter';
import { loggerOptions } from '../../apps/api/src/common/logger.options';
import { validationExceptionFactory } from '../../apps/api/src/common/validation-exception.factory';
import { IS_PUBLIC, Public } from '../../apps/api/src/auth/public.decorator';
import { createHttpAdapter } from '../../apps/api/src/http/http-adapter';
import type { Figure, Log, Options } from './benchmarks';
import { median, nowMs, round } from './stats';

/**
 * The HTTP floor on each Nest adapter: the same hello-world route with what every request of the
 * API passes through before a handler (pino-http, two global guards reading route metadata, the
 * global ValidationPipe and exception filter), on Express and on Fastify, side by side with a
 * bare node:http server in one run. It needs no Temporal or PostgreSQL, so it runs alone too:
 * `node dist/bench/src/adapter-floor.js [--rounds 5] [--calibration-seconds 2]`.
 */

@Controller('health')
class HelloController {
  @Public()
  @Get()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }
}

/** The metadata look-ups the authentication and roles guards make before a public route. */
@Injectable()
class PublicRouteGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    return (
      this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, [
        context.getHandler(),
        context.getClass(),
      ]) === true
    );
  }
}

function helloModule(config: AppConfig): unknown {
  @Module({
    imports: [ConfigModule.forConfig(config), LoggerModule.forRoot(loggerOptions(config))],
    controllers: [HelloController],
    providers: [
      { provide: APP_GUARD, useClass: PublicRouteGuard },
      { provide: APP_GUARD, useClass: PublicRouteGuard },
    ],
  })
  class HelloModule {}
  return HelloModule;
}

function configure(app: INestApplication): void {
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: validationExceptionFactory,
    }),
  );
  app.useGlobalFilters(new ApiExceptionFilter());
}

type Side = { name: string; url: string; close(): Promise<void> };

async function nestSide(name: 'express' | 'fastify', config: AppConfig): Promise<Side> {
  const module = helloModule(config) as never;
  const app =
    name === 'express'
      ? await NestFactory.create<NestExpressApplication>(module, new ExpressAdapter(), {
          logger: false,
        })
      : await NestFactory.create<NestFastifyApplication>(module, createHttpAdapter(), {
          logger: false,
        });
  configure(app);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { name: `nest+${name}`, url: `http://127.0.0.1:${port}/health`, close: () => app.close() };
}

async function bareSide(): Promise<Side> {
  const bare = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"status":"ok"}');
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const { port } = bare.address() as AddressInfo;
  return {
    name: 'node:http',
    url: `http://127.0.0.1:${port}/health`,
    close: () => new Promise<void>((resolve) => bare.close(() => resolve())),
  };
}

/** Sends requests from `lanes` loops for `seconds`; answers per second. */
async function requestsPerSecond(url: string, seconds: number, lanes: number): Promise<number> {
  const end = nowMs() + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (nowMs() < end) {
        const response = await fetch(url);
        await response.arrayBuffer();
        if (response.status === 200) done += 1;
      }
    }),
  );
  return done / seconds;
}

/** P0 on both adapters; rounds alternate express, fastify, bare so drift hits all three alike. */
export async function adapterFloor(
  options: Pick<Options, 'rounds' | 'calibrationSeconds'>,
  log: Log,
): Promise<Figure[]> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn' });
  const sides = [
    await nestSide('express', config),
    await nestSide('fastify', config),
    await bareSide(),
  ];
  const rates = new Map<string, number[]>(sides.map((side) => [side.name, []]));
  try {
    for (const side of sides) await requestsPerSecond(side.url, 1, 16);
    for (let i = 0; i < options.rounds; i++) {
      for (const side of sides) {
        rates
          .get(side.name)
          ?.push(await requestsPerSecond(side.url, options.calibrationSeconds, 16));
      }
    }
  } finally {
    for (const side of sides) await side.close();
  }
  for (const [name, values] of rates) {
    log(`P0 adapters ${name}: ${values.map((v) => round(v, 0)).join(', ')} req/s`);
  }
  const bareRates = rates.get('node:http') ?? [];
  const bare = median(bareRates);
  return ['express', 'fastify'].map((name) => {
    const oursRates = rates.get(`nest+${name}`) ?? [];
    const ours = median(oursRates);
    // Each round's ratio against the bare server measured right after it, then their median:
    // the load others put on the machine moves all three sides of a round together.
    const ratio = median(oursRates.map((value, i) => value / bareRates[i]));
    log(
      `P0 adapters ${name} per-round ratios: ${oursRates.map((v, i) => round(v / bareRates[i], 2)).join(', ')}`,
    );
    return {
      id: `P0 ${name}`,
      what: `hello world through Nest on ${name === 'express' ? 'Express' : 'Fastify'} vs bare node:http`,
      unit: 'req/s',
      ours: round(ours),
      baseline: round(bare),
      ratio: round(ratio, 3),
      goal: '>= 0.70',
      met: ratio >= 0.7,
    };
  });
}

if (require.main === module) {
  const arg = (name: string, fallback: number): number => {
    const at = process.argv.indexOf(`--${name}`);
    return at > 0 ? Number(process.argv[at + 1]) : fallback;
  };
  const log = (line: string): void => console.log(line);
  adapterFloor({ rounds: arg('rounds', 5), calibrationSeconds: arg('calibration-seconds', 2) }, log)
    .then((figures) => {
      for (const f of figures) log(`${f.id}: ${f.ours} / ${f.baseline} = ${f.ratio}`);
      process.exit(0);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
