import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
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

/**
 * A decision's recording run by the worker inside the Update's own workflow task: no activity
 * task to schedule, poll and complete, no second and third workflow task before the answer.
 * Bounded (3 attempts within 30 seconds): past that the recording falls back to the ordinary
 * activity above, which retries without end and whose attempts flag a stuck project.
 */
export const localRecording = proxyLocalActivities<ProjectActivities>({
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    maximumInterval: '10 seconds',
    backoffCoefficient: 2,
    maximumAttempts: 3,
  },
});
