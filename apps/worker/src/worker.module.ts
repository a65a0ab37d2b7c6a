import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, ConfigModule } from '@app/config';
import { dataSourceOptions } from '@app/persistence';
import { ActivitiesModule } from './activities/activities.module';
import { ArchiveModule } from './archive/archive.module';
import { AuditCheckpointsModule } from './audit-checkpoints/audit-checkpoints.module';
import { WorkerMetricsModule } from './metrics/worker-metrics';
import { NotificationsModule } from './notifications/notifications.module';
import { TemporalWorkerService } from './temporal/temporal-worker.service';

/** The worker is a Nest application context with no HTTP: activities are its services. */
@Module({})
export class WorkerModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forConfig(config),
        TypeOrmModule.forRoot({
          ...dataSourceOptions({
            url: config.DATABASE_URL,
            poolSize: config.DATABASE_POOL_SIZE,
            applicationName: 'incubation-worker',
          }),
          retryAttempts: 3,
          retryDelay: 1_000,
        }),
        WorkerMetricsModule,
        ActivitiesModule,
        NotificationsModule,
        ArchiveModule,
        AuditCheckpointsModule,
      ],
      providers: [TemporalWorkerService],
    };
  }
}
