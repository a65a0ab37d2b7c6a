import { Actor } from './actor.types';
import { Application } from './application.types';
import { PlanDocument, PlanSummaries } from './business-plan.types';
import { CompanyRegistration } from './company.types';
import { DecisionType } from './decisions.types';
import { InvestorContact } from './investor-contact.types';
import { ProjectStatus, Stage } from './stage.types';

/**
 * The current state of one project, as the workflow holds it and answers queries with. Every
 * timestamp is an ISO string supplied by the caller (workflow time), never read from a clock.
 */
export interface ProjectState {
  projectId: string;
  /** The current application: the latest resubmission, if any. */
  application: Application;
  stage: Stage;
  status: ProjectStatus;
  createdAt: string;
  stageEnteredAt: string;
  /** When a person last had a decision accepted; stall detection counts from here. */
  lastDecisionAt?: string;
  /** Bumped by every change, so read-model writes carrying it never move a project backwards. */
  version: number;
  /** Present while ON_HOLD. */
  hold?: HoldInfo;
  screening: ScreeningState;
  matching: MatchingState;
  plan: PlanState;
  investorContacts: RecordedInvestorContact[];
  /** Bumped by every contact added or amended; a sign-off covers one revision only. */
  contactsRevision: number;
  /** Every sign-off ever given; see `validSignOffs` for those that still count. */
  signOffs: SignOff[];
  company?: CompanyRecord;
  flags: Flags;
  pendingActions: PendingAction[];
  /** The most recent accepted decisions, newest last. */
  lastDecisions: DecisionSummary[];
  closedReason?: string;
}

export interface HoldInfo {
  since: string;
  by: string;
  reason: string;
  /** What was pending when the hold began, with due times, restored on resume. */
  pausedActions: PendingAction[];
}

export interface ScreeningState {
  /** Returned to the team: screening waits for `resubmitApplication`. */
  awaitingResubmission: boolean;
  returnedCount: number;
  lastReturnComment?: string;
  rejectionReason?: string;
}

export const EXCLUSION_REASONS = ['declined', 'timed_out', 'replaced', 'conflict'] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

export interface ExcludedMentor {
  mentorId: string;
  reason: ExclusionReason;
  at: string;
}

export interface MatchingState {
  /** Assigned by staff, waiting for the mentor's acceptance. */
  proposedMentorId?: string;
  proposedAt?: string;
  assignedMentorId?: string;
  /** Mentors who may never again be proposed for this project. */
  excludedMentors: ExcludedMentor[];
  /** Declines and time-outs. */
  failedMatches: number;
}

export interface PlanReview {
  outcome: 'approved' | 'revision_requested';
  by: string;
  mentorId?: string;
  comment?: string;
  at: string;
}

export interface PlanVersion {
  /** 1, 2, 3… */
  version: number;
  document: PlanDocument;
  summaries: PlanSummaries;
  submittedAt: string;
  submittedBy: string;
  comment?: string;
  /** Absent while the version awaits the mentor's review. */
  review?: PlanReview;
}

export interface PlanState {
  versions: PlanVersion[];
  /** Revision requests so far. */
  revisionRounds: number;
  /** Rounds granted beyond the policy's maximum by `allowExtraRevisionRound`. */
  extraRoundsAllowed: number;
  /**
   * The last review asked for a revision and no round is left: staff must allow an extra round
   * (or withdraw). Recorded as a fact when it happens, so judging needs no policy.
   */
  revisionLimitReached: boolean;
}

export interface RecordedInvestorContact extends InvestorContact {
  recordedBy: string;
  recordedAt: string;
  amendedBy?: string;
  amendedAt?: string;
}

export interface SignOff {
  userId: string;
  role: 'mentor' | 'staff';
  /** For a mentor's sign-off: it stops counting if the mentor is replaced. */
  mentorId?: string;
  at: string;
  contactsRevision: number;
  comment?: string;
}

export interface CompanyRecord extends CompanyRegistration {
  recordedBy: string;
  recordedAt: string;
  amendedBy?: string;
  amendedAt?: string;
}

export interface Flags {
  needsAttention: boolean;
  /** Stable reasons, e.g. `revision-limit-reached`, `overdue:acceptAssignment`, `stalled`. */
  reasons: string[];
  flaggedAt?: string;
}

/** Known flag reasons; the workflow may add others such as `overdue:<action>`. */
export const FLAG_REASONS = {
  revisionLimitReached: 'revision-limit-reached',
  matchingFailedRepeatedly: 'matching-failed-repeatedly',
  stalled: 'stalled',
  noCommitmentAfterAmendment: 'no-commitment-after-amendment',
  mentorAtCapacity: 'mentor-at-capacity',
  overdue: (action: DecisionType): string => `overdue:${action}`,
} as const;

/** Who must act next. */
export interface PendingAction {
  action: DecisionType;
  actorRole: 'staff' | 'mentor';
  /** For a mentor's action: which mentor. */
  mentorId?: string;
  /** Filled by the workflow (`setDueDate`) from the policy and the working-day calendar. */
  dueAt?: string;
}

export interface DecisionSummary {
  decisionId: string;
  type: DecisionType;
  actor: Actor;
  at: string;
  /** The decision's comment or reason. */
  comment?: string;
}

/** What a caller gets back when a decision is accepted (and again when it repeats it). */
export interface DecisionResult {
  decisionId: string;
  type: DecisionType;
  accepted: true;
  stage: Stage;
  status: ProjectStatus;
  version: number;
  message?: string;
}
