import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SecurityEvent } from '@app/persistence';
import { SecurityEventsController } from './security-events.controller';
import { SecurityLogService } from './security-log.service';
import { SecurityRefusalInterceptor } from './security-refusal.interceptor';

/** Global, so any feature module can inject SecurityLogService or throw SecurityRefusalException. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([SecurityEvent])],
  controllers: [SecurityEventsController],
  providers: [
    SecurityLogService,
    { provide: APP_INTERCEPTOR, useClass: SecurityRefusalInterceptor },
  ],
  exports: [SecurityLogService],
})
export class SecurityLogModule {}
