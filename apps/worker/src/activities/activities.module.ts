import { Module } from '@nestjs/common';
import { WorkingDayCalendarSource } from '../calendar/working-day-calendar.source';
import { ActivityAttention } from './activity-attention.service';
import { AuditChainWriter } from './audit-chain.writer';
import { ActivityRegistry } from './activity.registry';
import { MentorMatchingActivities } from './mentor-matching.activities';
import { NotificationOutboxActivities } from './notification.activities';
import { PracticeFundDrawActivities } from './practice-fund.activities';
import { ProjectRecordsActivities } from './project-records.activities';
import { StorableRecords } from './storable-records';
import { DueTimeActivities } from './time.activities';

@Module({
  providers: [
    AuditChainWriter,
    StorableRecords,
    ActivityAttention,
    ProjectRecordsActivities,
    WorkingDayCalendarSource,
    DueTimeActivities,
    MentorMatchingActivities,
    NotificationOutboxActivities,
    PracticeFundDrawActivities,
    ActivityRegistry,
  ],
  exports: [
    ActivityRegistry,
    AuditChainWriter,
    ProjectRecordsActivities,
    WorkingDayCalendarSource,
    DueTimeActivities,
    MentorMatchingActivities,
    NotificationOutboxActivities,
  ],
})
export class ActivitiesModule {}
