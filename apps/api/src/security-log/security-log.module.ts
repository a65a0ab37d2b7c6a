import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SecurityEvent } from '@app/persistence';
import { SecurityEventsController } from './security-events.controller';
import { SecurityLogService } from './security-log.service';

/** Global, so any feature module can inject SecurityLogService or throw SecurityRefusalException. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([SecurityEvent])],
  controllers: [SecurityEventsController],
  // Refusals are recorded by SecurityRecordingExceptionFilter, installed by configureApp.
  providers: [SecurityLogService],
  exports: [SecurityLogService],
})
export class SecurityLogModule {}
