import { Module } from '@nestjs/common';
import { AdminUsersModule } from '../admin-users/admin-users.module';
import { DecisionsModule } from '../decisions/decisions.module';
import { PlanDocumentsModule } from '../plan-documents/plan-documents.module';
import { PracticeFundModule } from '../practice-fund/practice-fund.module';
import { ProjectsModule } from '../projects/projects.module';
import { DemoDataSeeder } from './demo-data.seeder';

@Module({
  imports: [
    AdminUsersModule,
    ProjectsModule,
    DecisionsModule,
    PracticeFundModule,
    PlanDocumentsModule,
  ],
  providers: [DemoDataSeeder],
  exports: [DemoDataSeeder],
})
export class SeedModule {}
