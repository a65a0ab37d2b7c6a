import { randomUUID } from 'node:crypto';
import { Client, WorkflowHandle, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { Pool } from 'pg';
import { Actor, Application, Decision, DecisionResult, Policy, Refusal } from '@app/domain';
import {
  decisionUpdateFor,
  decisionUpdateId,
  projectWorkflow,
  ProjectView,
  stateQuery,
} from '@app/workflows/public-api';
import { startProjectOptions } from './fixtures';

export type ProjectHandle = WorkflowHandle<typeof projectWorkflow>;

/** Sends one decision as its Update, the way the API does. */
export function decide(
  handle: ProjectHandle,
  actor: Actor,
  decision: Decision,
  decisionId: string = randomUUID(),
): Promise<DecisionResult> {
  return handle.executeUpdate(decisionUpdateFor(decision.type), {
    args: [{ decisionId, actor, decision }],
    updateId: decisionUpdateId(decisionId, actor, decision),
  });
}

/** Sends a decision that must be refused and returns the refusal the validator gave. */
export async function refusalOf(
  handle: ProjectHandle,
  actor: Actor,
  decision: Decision,
  decisionId: string = randomUUID(),
): Promise<{ type: string; refusal: Refusal }> {
  try {
    await decide(handle, actor, decision, decisionId);
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
      return { type: error.cause.type ?? '', refusal: error.cause.details?.[0] as Refusal };
    }
    throw error;
  }
  throw new Error(`${decision.type} was accepted but should have been refused`);
}

export async function startProject(
  client: Client,
  taskQueue: string,
  application: Application,
  policy?: Policy,
): Promise<{ projectId: string; handle: ProjectHandle }> {
  const { projectId, options } = startProjectOptions(taskQueue, application, policy);
  const handle = await client.workflow.start(projectWorkflow, options);
  return { projectId, handle };
}

export function stateOf(handle: ProjectHandle): Promise<ProjectView> {
  return handle.query(stateQuery);
}

export async function historyLength(handle: ProjectHandle): Promise<number> {
  return (await handle.fetchHistory()).events?.length ?? 0;
}

/** What a project left in PostgreSQL: its read-model row and its audit entries. */
export async function recordsOf(
  db: Pool,
  projectId: string,
): Promise<{
  row:
    | {
        stage: string;
        status: string;
        version: number;
        needs_attention: boolean;
        mentor_id: string | null;
      }
    | undefined;
  audit: { seq: string; event_type: string; decision_id: string | null; actor: Actor | null }[];
}> {
  const rows = await db.query(
    'SELECT stage, status, version, needs_attention, mentor_id FROM projects WHERE id = $1',
    [projectId],
  );
  const audit = await db.query(
    'SELECT seq::text AS seq, event_type, decision_id, actor FROM audit_events WHERE project_id = $1 ORDER BY audit_events.seq',
    [projectId],
  );
  return { row: rows.rows[0], audit: audit.rows };
}
