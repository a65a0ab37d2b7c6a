import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, ConfigModule } from '@app/config';
import { dataSourceOptions } from '@app/persistence';
import { databaseSsl, DatabaseSslMode } from '@app/persistence/database-ssl';
import { ActivitiesModule } from './activities/activities.module';
import { ArchiveModule } from './archive/archive.module';
import { AuditCheckpointsModule } from './audit-checkpoints/audit-checkpoints.module';
import { WorkerMetricsModule } from './metrics/worker-metrics';
import { NotificationsModule } from './notifications/notifications.module';
import { SubmissionsModule } from './submissions/submissions.module';
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
            acquireTimeoutMs: config.DATABASE_ACQUIRE_TIMEOUT_MS,
            statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
            applicationName: 'incubation-worker',
            ssl: databaseSsl(
              config.DATABASE_SSL_MODE as DatabaseSslMode,
              config.DATABASE_SSL_CA_FILE,
            ),
          }),
          retryAttempts: 3,
          retryDelay: 1_000,
        }),
        WorkerMetricsModule,
        ActivitiesModule,
        NotificationsModule,
        ArchiveModule,
        AuditCheckpointsModule,
        SubmissionsModule,
      ],
      providers: [TemporalWorkerService],
    };
  }
}
