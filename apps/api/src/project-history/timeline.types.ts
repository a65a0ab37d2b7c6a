/** One line of a project's history as people read it. */
export interface TimelineEntry {
  /** When it happened (ISO 8601, UTC). */
  at: string;
  kind: 'decision' | 'system' | 'timer' | 'run';
  /** The decision type (`approvePlan`, …), the system event (`reminderSent`, …) or the run event. */
  type: string;
  actorUserId: string | null;
  actorName: string | null;
  actorRole: string | null;
  actorMentorId: string | null;
  /** The decision's comment or reason. */
  comment: string | null;
  /** What came of it: the stage reached, the refusal, the reminder's subject, … */
  outcome: string | null;
  decisionId: string | null;
  /** The run of the workflow it happened in, and its event id in that run's history. */
  runId: string | null;
  eventId: string | null;
  /** Its entry in the audit chain. */
  auditSeq: string | null;
  details: Record<string, unknown> | null;
}

export interface TimelineRun {
  runId: string;
  source: 'archive' | 'temporal';
  status: string;
  eventCount: number;
}

export interface ProjectTimeline {
  projectId: string;
  workflowId: string;
  title: string;
  college: string;
  runs: TimelineRun[];
  /** Runs that neither the archive nor Temporal still holds: their audit rows stand in. */
  missingRunIds: string[];
  entries: TimelineEntry[];
}
