import { PageQuery } from '../../common/dto/page.query';

export class InboxQuery extends PageQuery {}

/** overdue → due (soonest first) → flagged → open: the order of the inbox. */
export type InboxUrgency = 'overdue' | 'due' | 'flagged' | 'open';

/** One thing to act on: a pending decision of one project. */
export interface InboxItem {
  projectId: string;
  title: string;
  college: string;
  stage: string;
  status: string;
  /** The decision that moves the project on, e.g. `acceptAssignment`, `approvePlan`. */
  action: string;
  /** Who must take it: the caller, or (for staff following up) the project's mentor. */
  waitingFor: 'you' | 'mentor';
  mentorId: string | null;
  dueAt: string | null;
  /** Seconds until `dueAt`; negative once overdue; null without a deadline. */
  secondsLeft: number | null;
  overdue: boolean;
  urgency: InboxUrgency;
  needsAttention: boolean;
  attentionReasons: string[];
}

export interface InboxPage {
  items: InboxItem[];
  page: number;
  pageSize: number;
  total: number;
  /** The time `secondsLeft` and `overdue` were computed at. */
  asOf: string;
}
