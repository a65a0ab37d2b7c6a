import { Injectable } from '@nestjs/common';
import { Context } from '@temporalio/activity';
import type {
  MatchingActivities,
  NotificationActivities,
  PracticeFundActivities,
  ProjectActivities,
  TimeActivities,
} from '@app/workflows/activities.types';
import { ActivityAttention } from './activity-attention.service';
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
    private readonly attention: ActivityAttention,
    private readonly practiceFund: PracticeFundDrawActivities,
  ) {}

  all(): ProjectActivities &
    TimeActivities &
    MatchingActivities &
    NotificationActivities &
    PracticeFundActivities {
    return {
      recordTransition: this.watched(this.records.recordTransition.bind(this.records)),
      computeDueAt: this.watched(this.time.computeDueAt.bind(this.time)),
      rankMentorCandidates: this.watched(this.matching.rankMentorCandidates.bind(this.matching)),
      reserveMentorPlace: this.watched(this.matching.reserveMentorPlace.bind(this.matching)),
      releaseMentorPlace: this.watched(this.matching.releaseMentorPlace.bind(this.matching)),
      checkMentorAvailability: this.watched(
        this.matching.checkMentorAvailability.bind(this.matching),
      ),
      enqueueNotification: this.watched(
        this.notifications.enqueueNotification.bind(this.notifications),
      ),
      drawFromPracticeFund: this.watched(
        this.practiceFund.drawFromPracticeFund.bind(this.practiceFund),
      ),
    };
  }

  /**
   * Every activity retries without end; past the policy's attempts its failures are seen
   * (flag, staff told, audited once) and its next success clears the flag. The error is
   * rethrown unchanged, so Temporal keeps retrying it.
   */
  private watched<A extends unknown[], R>(
    activity: (...args: A) => Promise<R>,
  ): (...args: A) => Promise<R> {
    return async (...args: A): Promise<R> => {
      const { info } = Context.current();
      let result: R;
      try {
        result = await activity(...args);
      } catch (error) {
        await this.attention.failed(info, error);
        throw error;
      }
      await this.attention.succeeded(info);
      return result;
    };
  }
}
