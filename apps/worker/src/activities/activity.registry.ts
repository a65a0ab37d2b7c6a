import { Injectable } from '@nestjs/common';
import type {
  MatchingActivities,
  NotificationActivities,
  PracticeFundActivities,
  ProjectActivities,
  TimeActivities,
} from '@app/workflows/activities.types';
import { MentorMatchingActivities } from './mentor-matching.activities';
import { NotificationOutboxActivities } from './notification.activities';
import { PracticeFundDrawActivities } from './practice-fund.activities';
import { ProjectRecordsActivities } from './project-records.activities';
import { DueTimeActivities } from './time.activities';

/**
 * Binds the activity services' methods into the plain object Worker.create expects. Typed
 * against the interfaces the workflow imports, so a missing or misnamed activity fails the
 * type check rather than a running workflow.
 */
@Injectable()
export class ActivityRegistry {
  constructor(
    private readonly records: ProjectRecordsActivities,
    private readonly time: DueTimeActivities,
    private readonly matching: MentorMatchingActivities,
    private readonly notifications: NotificationOutboxActivities,
    private readonly practiceFund: PracticeFundDrawActivities,
  ) {}

  all(): ProjectActivities &
    TimeActivities &
    MatchingActivities &
    NotificationActivities &
    PracticeFundActivities {
    return {
      recordTransition: this.records.recordTransition.bind(this.records),
      computeDueAt: this.time.computeDueAt.bind(this.time),
      rankMentorCandidates: this.matching.rankMentorCandidates.bind(this.matching),
      reserveMentorPlace: this.matching.reserveMentorPlace.bind(this.matching),
      releaseMentorPlace: this.matching.releaseMentorPlace.bind(this.matching),
      enqueueNotification: this.notifications.enqueueNotification.bind(this.notifications),
      drawFromPracticeFund: this.practiceFund.drawFromPracticeFund.bind(this.practiceFund),
    };
  }
}
