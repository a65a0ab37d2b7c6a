import type { Actor, DecisionResult, Refusal } from '@app/domain';
import type { Queryable } from '../queryable';

/** What a decision's audit row answers a repeat with: its result, or the refusal it got. */
export type AuditedDecisionResult = DecisionResult | { refused: Refusal };

/** One row of a project's audit trail, as the timeline reads it. */
export interface AuditEventRecord {
  seq: string;
  runId: string;
  eventRef: string;
  kind: 'decision' | 'system';
  eventType: string;
  actor: Actor | null;
  workflowTime: Date;
  payload: Record<string, unknown>;
  decisionId: string | null;
  decisionResult: AuditedDecisionResult | null;
}

/** Every audit row of a project, in the chain's order. */
export async function auditEventsOfProject(
  db: Queryable,
  projectId: string,
): Promise<AuditEventRecord[]> {
  return db.query(
    `SELECT seq::text AS seq, run_id AS "runId", event_ref AS "eventRef", kind,
            event_type AS "eventType", actor, workflow_time AS "workflowTime", payload,
            decision_id AS "decisionId", decision_result AS "decisionResult"
       FROM audit_events WHERE project_id = $1 ORDER BY audit_events.seq`,
    [projectId],
  );
}

/** The first audit row of a decision: the content hash it was taken with and its result. */
export async function auditedDecision(
  db: Queryable,
  projectId: string,
  decisionId: string,
): Promise<{ decisionHash: string; decisionResult: AuditedDecisionResult } | undefined> {
  const rows: { decisionHash: string; decisionResult: AuditedDecisionResult }[] = await db.query(
    `SELECT decision_hash AS "decisionHash", decision_result AS "decisionResult"
       FROM audit_events
      WHERE project_id = $1 AND decision_id = $2 AND kind = 'decision'
      ORDER BY audit_events.seq LIMIT 1`,
    [projectId, decisionId],
  );
  return rows[0];
}
