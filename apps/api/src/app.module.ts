import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, ConfigModule } from '@app/config';
import { dataSourceOptions } from '@app/persistence';
import { databaseSsl, DatabaseSslMode } from '@app/persistence/database-ssl';
import { AdminAuditModule } from './admin-audit/admin-audit.module';
import { AdminUsersModule } from './admin-users/admin-users.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CalendarModule } from './calendar/calendar.module';
import { CodecModule } from './codec/codec.module';
import { DecisionsModule } from './decisions/decisions.module';
import { HealthModule } from './health/health.module';
import { InboxModule } from './inbox/inbox.module';
import { loggerOptions } from './common/logger.options';
import { MentorsModule } from './mentors/mentors.module';
import { MetricsModule } from './metrics/metrics.module';
import { NotificationsModule } from './notifications/notifications.module';
import { PlanDocumentsModule } from './plan-documents/plan-documents.module';
import { PortfolioModule } from './portfolio/portfolio.module';
import { PracticeFundModule } from './practice-fund/practice-fund.module';
import { ReportsModule } from './reports/reports.module';
import { ProjectHistoryModule } from './project-history/project-history.module';
import { ProjectsModule } from './projects/projects.module';
import { SecurityLogModule } from './security-log/security-log.module';
import { TemporalClientModule } from './temporal/temporal-client.module';

@Module({})
export class AppModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forConfig(config),
        LoggerModule.forRoot(loggerOptions(config)),
        TypeOrmModule.forRoot({
          ...dataSourceOptions({
            url: config.DATABASE_URL,
            poolSize: config.DATABASE_POOL_SIZE,
            acquireTimeoutMs: config.DATABASE_ACQUIRE_TIMEOUT_MS,
            applicationName: 'incubation-api',
            ssl: databaseSsl(
              config.DATABASE_SSL_MODE as DatabaseSslMode,
              config.DATABASE_SSL_CA_FILE,
            ),
          }),
          retryAttempts: 3,
          retryDelay: 1_000,
        }),
        TemporalClientModule,
        AdminAuditModule,
        HealthModule,
        MetricsModule,
        SecurityLogModule,
        AuthModule,
        AdminUsersModule,
        ProjectsModule,
        CalendarModule,
        DecisionsModule,
        InboxModule,
        NotificationsModule,
        MentorsModule,
        PlanDocumentsModule,
        ProjectHistoryModule,
        AuditModule,
        CodecModule,
        PortfolioModule,
        PracticeFundModule,
        ReportsModule,
      ],
    };
  }
}
