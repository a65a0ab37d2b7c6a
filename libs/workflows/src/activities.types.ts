import type { Actor } from '@app/domain';

/** The read-model row as the workflow sees it after a transition. */
export interface ProjectSnapshot {
  projectId: string;
  workflowId: string;
  title: string;
  college: string;
  stage: string;
  status: string;
  mentorId: string | null;
  needsAttention: boolean;
  attentionReasons: string[];
  nextDueAt: string | null;
  pendingActions: unknown[];
  revisionRounds: number;
  /** The workflow's version counter: the projection never goes back to an older one. */
  version: number;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** Whether this transition ends the project's claim on its title (REJECTED, WITHDRAWN). */
  releasesTitle: boolean;
}

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

export interface ProjectActivities {
  /**
   * Writes the read model and appends the audit entry in one transaction. Idempotent: a retry
   * finds its audit row by key and an older snapshot never overwrites a newer one.
   */
  recordTransition(record: TransitionRecord): Promise<RecordedTransition>;
}
