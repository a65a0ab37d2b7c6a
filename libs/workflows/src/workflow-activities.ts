import { proxyActivities } from '@temporalio/workflow';
import type {
  MatchingActivities,
  NotificationActivities,
  PracticeFundActivities,
  ProjectActivities,
  TimeActivities,
} from './activities.types';

/**
 * The workflow's view of its activities. Records and notifications must land: they retry until
 * the database is back rather than lose an audit entry or a reminder.
 */
export const activities = proxyActivities<
  ProjectActivities &
    TimeActivities &
    MatchingActivities &
    NotificationActivities &
    PracticeFundActivities
>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});
