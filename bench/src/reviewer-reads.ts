import { setTimeout as sleep } from 'node:timers/promises';
import type { Decision } from '@app/domain';
import { projectWorkflowId } from '@app/workflows/public-api';
import type { Figure, Log, Options } from './benchmarks';
import type { BenchEnvironment } from './environment';
import { apiDecide, apiSubmit, benchApplication, rawDecide } from './projects';
import { median, nowMs, round } from './stats';

/** One GET as staff, timed until its whole body arrived. */
export async function readTimeline(
  env: BenchEnvironment,
  path: string,
): Promise<{ ms: number; body: string }> {
  const start = nowMs();
  const response = await fetch(`${env.apiUrl}${path}`, {
    headers: { authorization: `Bearer ${env.staff.token}` },
  });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
  return { ms: nowMs() - start, body };
}

/**
 * P8: what a reviewer waits for. `GET /projects/:id/timeline` and its CSV of a finished project
 * ÷ fetching the same project's history with the raw client, alternating, `samples` each
 * (medians). After P6's archiving the API reads the run from the archive (PostgreSQL), the raw
 * client from Temporal.
 */
export async function timeline(
  env: BenchEnvironment,
  options: Pick<Options, 'replays'>,
  finishedProjectId: string,
  log: Log,
): Promise<Figure[]> {
  const samples = Math.max(5, options.replays * 2);
  const handle = env.client.workflow.getHandle(projectWorkflowId(finishedProjectId));
  const read = async (path: string): Promise<number> => (await readTimeline(env, path)).ms;
  const json: number[] = [];
  const csv: number[] = [];
  const raw: number[] = [];
  const base = `/projects/${finishedProjectId}/timeline`;
  await read(base);
  for (let i = 0; i < samples; i++) {
    json.push(await read(base));
    const start = nowMs();
    await handle.fetchHistory();
    raw.push(nowMs() - start);
    csv.push(await read(`${base}?format=csv`));
  }
  log(
    `P8 timeline p50 ${round(median(json))} ms, csv ${round(median(csv))} ms, raw fetch ${round(median(raw))} ms (${samples} each)`,
  );
  return [
    p50Figure(
      'P8',
      'timeline (JSON) of a finished project vs raw fetchHistory, p50',
      json,
      raw,
      1.5,
    ),
    p50Figure(
      'P8 csv',
      'timeline as CSV of the same project vs raw fetchHistory, p50',
      csv,
      raw,
      1.5,
    ),
  ];
}

/**
 * P12: a decision against Temporal's own floor. Ours: `POST …/screening` on a fresh project
 * (started through `POST /projects`, so its read-model row exists)
 * (answered after the workflow recorded its read model and audit entry). Baseline: the smallest
 * Update round trip this workflow has, the same `screenApplication` sent again to that project,
 * which its validator refuses (wrong stage): client → server → a workflow task on the worker →
 * back, with no handler, no activity and no history event.
 *
 * P12 quiet: the same once the project's start is recorded (its submission and its first due
 * time in the audit chain). On a fresh project the decision's recording waits behind the
 * start's, since a project's transitions are recorded in order; a person deciding usually
 * meets a quiet project.
 */
export async function decisionFloor(
  env: BenchEnvironment,
  options: Pick<Options, 'decisions'>,
  log: Log,
): Promise<Figure[]> {
  const samples = Math.max(5, Math.round(options.decisions / 4));
  const fresh = { decision: [] as number[], floor: [] as number[] };
  const quiet = { decision: [] as number[], floor: [] as number[] };
  for (let i = 0; i < samples; i++) {
    await decideAndRefuse(env, fresh, false);
    await decideAndRefuse(env, quiet, true);
  }
  log(
    `P12 decision p50 ${round(median(fresh.decision))} ms vs refused-Update round trip p50 ${round(median(fresh.floor))} ms; on a quiet project ${round(median(quiet.decision))} vs ${round(median(quiet.floor))} ms (${samples} each)`,
  );
  return [
    p50Figure(
      'P12',
      'decision (POST screening) vs an Update its validator refuses, same server, p50',
      fresh.decision,
      fresh.floor,
      3,
    ),
    p50Figure(
      'P12 quiet',
      'the same on a project whose start is recorded, p50',
      quiet.decision,
      quiet.floor,
      3,
    ),
  ];
}

async function decideAndRefuse(
  env: BenchEnvironment,
  into: { decision: number[]; floor: number[] },
  quiet: boolean,
): Promise<void> {
  const accept: Decision = { type: 'screenApplication', outcome: 'accept' };
  const projectId = await apiSubmit(env, benchApplication());
  if (quiet) await startRecorded(env, projectId);
  let start = nowMs();
  await apiDecide(env, env.staff, projectId, accept);
  into.decision.push(nowMs() - start);
  start = nowMs();
  const refused = await rawDecide(env, env.staff, projectId, accept).then(
    () => false,
    () => true,
  );
  into.floor.push(nowMs() - start);
  if (!refused) throw new Error('a second screening was accepted');
  await env.client.workflow.getHandle(projectWorkflowId(projectId)).terminate('bench P12');
}

/** Waits until the project's first due time (recorded after its submission) is in the chain. */
async function startRecorded(env: BenchEnvironment, projectId: string): Promise<void> {
  const deadline = nowMs() + 10_000;
  for (;;) {
    const { rowCount } = await env.db.query(
      `SELECT 1 FROM audit_events WHERE project_id = $1 AND event_type = 'dueDateSet'`,
      [projectId],
    );
    if (rowCount) return;
    if (nowMs() > deadline) throw new Error(`project ${projectId}'s start was not recorded`);
    await sleep(20);
  }
}

/** A figure of medians in ms, ours against the baseline, whose goal is a ratio of at most `atMost`. */
export function p50Figure(
  id: string,
  what: string,
  ours: number[],
  baseline: number[],
  atMost: number,
): Figure {
  const ratio = median(ours) / median(baseline);
  return {
    id,
    what,
    unit: 'ms',
    ours: round(median(ours)),
    baseline: round(median(baseline)),
    ratio: round(ratio, 3),
    goal: `<= ${atMost}`,
    met: ratio <= atMost,
  };
}
