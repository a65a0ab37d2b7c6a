import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import cors from 'cors';
import { AppConfig } from '@app/config';
import { codecCookieAuthentication } from './codec-cookie';
import { CodecController } from './codec.controller';
import { CodecService } from './codec.service';

/**
 * The codec endpoint. CORS is open to the configured Web UI origin alone, with credentials (the
 * UI sends only cookies); with no TEMPORAL_UI_ORIGIN no other origin may call it from a browser.
 */
@Module({ controllers: [CodecController], providers: [CodecService] })
export class CodecModule implements NestModule {
  constructor(private readonly config: AppConfig) {}

  configure(consumer: MiddlewareConsumer): void {
    const origin = this.config.TEMPORAL_UI_ORIGIN;
    consumer
      .apply(
        cors({
          origin: origin ? [origin] : false,
          credentials: true,
          methods: ['POST', 'DELETE'],
          allowedHeaders: ['Content-Type', 'Authorization', 'X-Namespace'],
          maxAge: 600,
        }),
        codecCookieAuthentication,
      )
      .forRoutes({ path: 'codec/*path', method: RequestMethod.ALL });
  }
}
