import { Module } from '@nestjs/common';
import { AuditChainWriter } from './audit-chain.writer';
import { ActivityRegistry } from './activity.registry';
import { ProjectRecordsActivities } from './project-records.activities';

@Module({
  providers: [AuditChainWriter, ProjectRecordsActivities, ActivityRegistry],
  exports: [ActivityRegistry, AuditChainWriter, ProjectRecordsActivities],
})
export class ActivitiesModule {}
