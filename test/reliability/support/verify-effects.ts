import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@temporalio/client';
import { verifyAuditTrail } from '@app/persistence';
import { projectWorkflowId } from '@app/workflows/public-api';
import type { ReliabilityRig } from './rig';
import { ScenarioTally, SentDecision } from './tally';

/**
 * The audit rows of one intended decision: those with its decisionId, and those with an id
 * derived from it (`<decisionId>#<n>`), which is what the de-duplication-off seam forwards; so
 * a copy that seam let through shows as a second effect, not as a stranger.
 */
async function auditCounts(rig: ReliabilityRig, keys: string[]): Promise<Map<string, number>> {
  const rows = await rig.db.query<{ key: string; n: number }>(
    `SELECT split_part(decision_id, '#', 1) AS key, count(*)::int AS n
       FROM audit_events
      WHERE kind = 'decision' AND split_part(decision_id, '#', 1) = ANY($1)
      GROUP BY 1`,
    [keys],
  );
  return new Map(rows.rows.map((row) => [row.key, row.n]));
}

/** How many Updates of each decisionId the project's history accepted. */
async function acceptedUpdates(client: Client, projectId: string): Promise<Map<string, number>> {
  const history = await client.workflow.getHandle(projectWorkflowId(projectId)).fetchHistory();
  const counts = new Map<string, number>();
  for (const event of history.events ?? []) {
    const updateId =
      event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.meta?.updateId;
    if (!updateId) continue;
    const key = updateId.split('@')[0].split('#')[0];
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

interface ReadModelRow {
  id: string;
  stage: string;
  version: number;
  needs_attention: boolean;
}

/**
 * Holds what the clients were told against what the system kept: every accepted decision
 * exactly once in the workflow's history, the audit chain and the read model; every start
 * with an answer (or none) exactly one project, a refused one none; nothing the clients
 * abandoned may be missing either (that is a loss too). Then the whole chain must verify.
 */
export async function verifyEffects(
  rig: ReliabilityRig,
  tally: ScenarioTally,
  client: Client,
): Promise<void> {
  const starts = tally.sent.filter((sent) => sent.kind === 'start');
  for (const start of starts) {
    const made = await rig.db.query<{ id: string }>('SELECT id FROM projects WHERE college = $1', [
      start.college,
    ]);
    // A project is its workflow: a claim's first row without one is a start that was lost.
    // Visibility lags a moment behind a start, so a short count is looked at again.
    const expected = start.ending === 'refused' ? 0 : 1;
    let projects = 0;
    for (let look = 0; look < 5; look += 1) {
      projects = (await client.workflow.count(`College = "${start.college}"`)).count;
      if (projects >= expected) break;
      await sleep(1_000);
    }
    if (process.env.RELIABILITY_DEBUG) {
      console.log(
        `start ${start.key} ${start.ending}: ${made.rows.length} rows, ${projects} workflows`,
      );
    }
    if (projects < expected) {
      tally.lost += 1;
      tally.problem(`start ${start.key} (${start.ending}) made no project`);
    } else if (projects > expected) {
      tally.doubled += projects - expected;
      tally.problem(`start ${start.key} (${start.ending}) made ${projects} projects`);
    }
    if (!start.projectId && made.rows.length === 1) start.projectId = made.rows[0].id;
  }

  const decisions = tally.sent.filter((sent) => sent.kind === 'decision');
  const audit = await auditCounts(
    rig,
    decisions.map((sent) => sent.key),
  );
  const byProject = new Map<string, SentDecision[]>();
  for (const sent of decisions) {
    byProject.set(sent.projectId!, [...(byProject.get(sent.projectId!) ?? []), sent]);
  }
  for (const [projectId, sentHere] of byProject) {
    const history = await acceptedUpdates(client, projectId);
    const row = (
      await rig.db.query<ReadModelRow>(
        'SELECT id, stage, version, needs_attention FROM projects WHERE id = $1',
        [projectId],
      )
    ).rows[0];
    for (const sent of sentHere) {
      const inAudit = audit.get(sent.key) ?? 0;
      const inHistory = history.get(sent.key) ?? 0;
      const what = `${sent.action} ${sent.key} on ${projectId} (${sent.ending})`;
      if (sent.ending === 'refused') {
        // A refusal the workflow judged is recorded once; the API's own refusals not at all.
        if (inAudit > 1 || inHistory > 1) {
          tally.doubled += 1;
          tally.problem(`${what}: ${inAudit} audit rows, ${inHistory} accepted updates`);
        }
        continue;
      }
      const effects = Math.max(inAudit, inHistory);
      if (effects === 0 || (sent.ending === 'accepted' && (inAudit === 0 || inHistory === 0))) {
        tally.lost += 1;
        tally.problem(`${what}: ${inAudit} audit rows, ${inHistory} accepted updates`);
      } else if (effects > 1) {
        tally.doubled += 1;
        tally.problem(`${what}: ${inAudit} audit rows, ${inHistory} accepted updates`);
      } else if (sent.ending === 'accepted') {
        const version = Number(sent.answer?.version ?? 0);
        if (!row || row.version < version) {
          tally.lost += 1;
          tally.problem(`${what}: read model at version ${row?.version}, answer said ${version}`);
        }
      }
    }
  }

  const trail = await verifyAuditTrail(rig.dataSource, rig.config().auditTrustedKeys);
  if (!trail.intact) tally.problem(`the audit chain does not verify: ${trail.summary}`);
  else tally.notes.push(`audit chain ${trail.summary}`);
}

/** Every project the scenario started, in the read model, once the workflows are done. */
export async function projectRows(rig: ReliabilityRig, ids: string[]): Promise<ReadModelRow[]> {
  const rows = await rig.db.query<ReadModelRow>(
    'SELECT id, stage, version, needs_attention FROM projects WHERE id = ANY($1::uuid[])',
    [ids],
  );
  return rows.rows;
}
