import type { ProjectRecords } from './project-records.types';

/** The read-model row as the workflow sees it after a transition. */
export interface ProjectSnapshot {
  projectId: string;
  workflowId: string;
  title: string;
  college: string;
  stage: string;
  status: string;
  /** The assigned mentor, else the proposed one: whom the project is listed for. */
  mentorId: string | null;
  /** Only the mentor who accepted (or replaced another): who may read documents and histories. */
  assignedMentorId: string | null;
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
  /**
   * The project's domain records, sent when they changed since the run's last transition (and
   * with a run's first), so histories do not carry them on every reminder. Absent: unchanged.
   */
  records?: ProjectRecords;
}
