import type {
  Actor,
  Duration,
  MatchingProject,
  MentorRanking,
  MentorUnavailability,
  MentorUnavailableReason,
  ProjectSnapshot,
} from '@app/domain';

// The snapshot is the domain's: libs/persistence writes it without importing the workflows.
export type { ProjectSnapshot };

/** One audit chain entry, as the workflow describes it; the activity adds sequence and hashes. */
export interface AuditEntryInput {
  projectId: string;
  workflowId: string;
  runId: string;
  /** The update id of a decision, or the timer / system event reference. */
  eventRef: string;
  kind: 'decision' | 'system';
  eventType: string;
  actor: Actor | null;
  /** Workflow time, so a retried activity records when it happened, not when it ran. */
  workflowTime: string;
  payload: Record<string, unknown>;
  decision?: { decisionId: string; hash: string; result: Record<string, unknown> };
}

export interface TransitionRecord {
  snapshot: ProjectSnapshot;
  audit: AuditEntryInput;
}

export interface RecordedTransition {
  auditSeq: string;
  auditHash: string;
  readModelApplied: boolean;
}

/** Who a notification is for: a role's people (all staff), one mentor, or one address. */
export type NotificationRecipient =
  { role: 'staff' } | { mentorId: string } | { userId: string } | { email: string };

export type NotificationKind =
  | 'assignment_request'
  | 'reminder'
  | 'overdue'
  | 'escalation'
  | 'stalled'
  /** To the mentor who replaces another: the project is now theirs. */
  | 'mentor_replacement'
  /** To staff: the proposed mentor accepted, or declined (with the reason in `detail`). */
  | 'assignment_accepted'
  | 'assignment_declined'
  /** Sent by the worker itself (not the workflow) when an activity keeps failing. */
  | 'activity_failing';

export interface NotificationRequest {
  /** Unique per notification (workflow id + event): a retried activity enqueues it once. */
  notificationKey: string;
  projectId: string;
  projectTitle: string;
  kind: NotificationKind;
  recipients: NotificationRecipient[];
  /** The pending action it is about (e.g. `acceptAssignment`) and its deadline. */
  action?: string;
  dueAt?: string;
  /** For reminders: the fraction of the limit that has passed (0.5, 0.8). */
  fraction?: number;
  /** A person's words the notification passes on, e.g. a mentor's reason for declining. */
  detail?: string;
}

export type MentorPlaceReservation =
  | { reserved: true }
  | {
      reserved: false;
      /** `conflict_of_interest` only when the reservation was asked to judge conflicts. */
      reason: MentorUnavailableReason;
      message: string;
    };

/** Whether a mentor can take the project now (judged from the mentors table as it is). */
export type MentorAvailability =
  { available: true } | ({ available: false } & MentorUnavailability);

export interface TimeActivities {
  /**
   * The due time `limit` after `fromIso`: working days on the working-day calendar
   * (Asia/Shanghai, public holidays and adjusted working days, with operators' overrides), or
   * plain seconds. Read from the calendar when each step starts, not frozen in the policy.
   */
  computeDueAt(input: { fromIso: string; limit: Duration }): Promise<string>;
}

export interface MatchingActivities {
  /** Ranks the mentors in PostgreSQL for a project, with each score's parts and every exclusion. */
  rankMentorCandidates(input: {
    projectId: string;
    project: MatchingProject;
  }): Promise<MentorRanking>;
  /**
   * Takes one of the mentor's places for this project under a database lock, so two projects
   * cannot both take the last one. Idempotent per (project, mentor). With `project`, a
   * conflict of interest the mentor has now is refused too.
   */
  reserveMentorPlace(input: {
    projectId: string;
    mentorId: string;
    project?: MatchingProject;
  }): Promise<MentorPlaceReservation>;
  /**
   * Judges, without taking a place, whether the mentor exists, is active, has no conflict of
   * interest with the project and has a place free: the checks repeated when staff assign.
   */
  checkMentorAvailability(input: {
    projectId: string;
    mentorId: string;
    project: MatchingProject;
  }): Promise<MentorAvailability>;
  /** Gives the place back (the mentor was replaced, or the project ended). Idempotent. */
  releaseMentorPlace(input: { projectId: string; mentorId: string }): Promise<void>;
}

export type PracticeFundAnswer =
  { drawn: true } | { drawn: false; message: string; budgetFen: number; grantedFen: number };

export interface PracticeFundActivities {
  /**
   * Sets what one contact draws on the innovation practice fund to `draw` (null: nothing),
   * under the year's lock. With `checkBudget`, refuses (changing nothing) a draw that would
   * take the year's grants past its budget. Idempotent per (project, contact).
   */
  drawFromPracticeFund(input: {
    projectId: string;
    contactId: string;
    draw: { year: number; amountFen: number } | null;
    checkBudget: boolean;
  }): Promise<PracticeFundAnswer>;
}

export interface NotificationActivities {
  /** Writes the notification to the outbox for each recipient; the dispatcher delivers it. */
  enqueueNotification(request: NotificationRequest): Promise<void>;
}

export interface ProjectActivities {
  /**
   * Writes the read model and appends the audit entry in one transaction. Idempotent: a retry
   * finds its audit row by key and an older snapshot never overwrites a newer one.
   */
  recordTransition(record: TransitionRecord): Promise<RecordedTransition>;
}
