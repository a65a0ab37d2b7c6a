import { setTimeout as sleep } from 'node:timers/promises';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Actor, Decision } from '@app/domain';
import { projectWorkflowId } from '@app/workflows/public-api';
import {
  loadWorkflowBundle,
  warmReplayer,
} from '../../apps/api/src/project-history/workflow-replay';
import { HAPPY_PATH } from '../../test/support/pipeline-steps';
import { stopProcess } from '../../infra/dev/temporal-dev-server';
import { BenchEnvironment, BenchUser, startWorkerProcess } from './environment';
import {
  apiDecide,
  apiGet,
  apiSubmit,
  benchApplication,
  decisionRetries,
  rawDecide,
  rawStart,
  rawStartOn,
  readModelRows,
} from './projects';
import { mapLimit, median, nowMs, percentile, round, timed } from './stats';

/** One line of the table: our side, the baseline, their ratio and the goal it is held to. */
export interface Figure {
  id: string;
  what: string;
  unit: string;
  ours: number;
  baseline: number;
  ratio: number;
  /** e.g. '>= 0.90'; absent for a figure with no goal. */
  goal?: string;
  met?: boolean;
}

export interface Options {
  rounds: number;
  calibrationSeconds: number;
  projects: number;
  decisions: number;
  pipelines: number;
  listProjects: number;
  listSamples: number;
  cachedProjects: number;
  /** Projects the memory benchmark's worker runs and closes before its idle reading. */
  warmUpProjects: number;
  replays: number;
  concurrency: number;
}

export type Log = (line: string) => void;

function figure(
  id: string,
  what: string,
  unit: string,
  ours: number,
  baseline: number,
  goal?: { atLeast?: number; atMost?: number },
): Figure {
  const ratio = ours / baseline;
  const row: Figure = {
    id,
    what,
    unit,
    ours: round(ours),
    baseline: round(baseline),
    ratio: round(ratio, 3),
  };
  if (goal?.atLeast !== undefined) {
    row.goal = `>= ${goal.atLeast.toFixed(2)}`;
    row.met = ratio >= goal.atLeast;
  }
  if (goal?.atMost !== undefined) {
    row.goal = `<= ${goal.atMost.toFixed(2)}`;
    row.met = ratio <= goal.atMost;
  }
  return row;
}

export async function terminateAll(env: BenchEnvironment, workflowIds: string[]): Promise<void> {
  await mapLimit(workflowIds, 16, async (workflowId) => {
    try {
      await env.client.workflow.getHandle(workflowId).terminate('benchmark finished');
    } catch {
      // Already closed.
    }
  });
}

/** Sends requests from `lanes` loops for `seconds`; answers per second. */
async function requestsPerSecond(url: string, seconds: number, lanes: number): Promise<number> {
  const end = nowMs() + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (nowMs() < end) {
        const response = await fetch(url);
        await response.arrayBuffer();
        if (response.status === 200) done += 1;
      }
    }),
  );
  return done / seconds;
}

/** P0: the framework's share: GET /health in our Nest app vs a bare Node HTTP server. */
export async function calibration(
  env: BenchEnvironment,
  options: Options,
  log: Log,
): Promise<Figure[]> {
  const bare = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"status":"ok"}');
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/health`;
  const nest: number[] = [];
  const node: number[] = [];
  await requestsPerSecond(`${env.apiUrl}/health`, 1, 16);
  await requestsPerSecond(bareUrl, 1, 16);
  for (let round = 0; round < options.rounds; round++) {
    nest.push(await requestsPerSecond(`${env.apiUrl}/health`, options.calibrationSeconds, 16));
    node.push(await requestsPerSecond(bareUrl, options.calibrationSeconds, 16));
  }
  await new Promise<void>((resolve) => bare.close(() => resolve()));
  log(
    `P0 rounds nest ${nest.map((v) => round(v, 0)).join(', ')} bare ${node.map((v) => round(v, 0)).join(', ')}`,
  );
  return [
    figure(
      'P0',
      'hello world: Nest GET /health vs bare node:http',
      'req/s',
      median(nest),
      median(node),
    ),
  ];
}

/** P1: projects started until their first state, per second, at `concurrency` in flight. */
export async function start(env: BenchEnvironment, options: Options, log: Log): Promise<Figure[]> {
  const perRound = Math.max(1, Math.round(options.projects / options.rounds));
  const api = { done: 0, ms: 0 };
  const raw = { done: 0, ms: 0 };
  const started: string[] = [];
  const side = async (tally: typeof api, go: () => Promise<string>): Promise<void> => {
    const { ms, value } = await timed(() =>
      mapLimit(Array.from({ length: perRound }), options.concurrency, () => go()),
    );
    tally.done += value.length;
    tally.ms += ms;
    started.push(...value);
  };
  // One warm-up project each, so the first round does not pay for connections.
  started.push(await apiSubmit(env, benchApplication()));
  started.push(await rawStart(env, benchApplication()));
  for (let round = 0; round < options.rounds; round++) {
    await side(api, () => apiSubmit(env, benchApplication()));
    await side(raw, () => rawStart(env, benchApplication()));
  }
  log(`P1 api ${api.done} in ${round(api.ms, 0)} ms, raw ${raw.done} in ${round(raw.ms, 0)} ms`);
  await terminateAll(env, started.map(projectWorkflowId));
  return [
    figure(
      'P1',
      `start (POST /projects vs start+query), ${options.concurrency} in flight`,
      'projects/s',
      (api.done / api.ms) * 1000,
      (raw.done / raw.ms) * 1000,
      { atLeast: 0.9 },
    ),
  ];
}

/** P2: one decision (screening) on each of many fresh projects, API and raw in turn. */
/**
 * P2: decision latency on fresh projects, `inFlight` decisions at once per side (1 by default;
 * the cost-of-growth figure sends 4 at a time), the two sides alternating batch by batch.
 */
export async function decisions(
  env: BenchEnvironment,
  options: Options,
  log: Log,
  inFlight = 1,
): Promise<Figure[]> {
  const count = options.decisions;
  const fresh = await mapLimit(Array.from({ length: 2 * count + 2 }), options.concurrency, () =>
    rawStart(env, benchApplication()),
  );
  await readModelRows(env, fresh);
  const accept: Decision = { type: 'screenApplication', outcome: 'accept' };
  const api: number[] = [];
  const raw: number[] = [];
  await apiDecide(env, env.staff, fresh[0], accept);
  await rawDecide(env, env.staff, fresh[1], accept);
  // Fresh project 2i goes to the API, 2i + 1 to the raw client.
  const batch = (from: number, side: 0 | 1, decide: (projectId: string) => Promise<unknown>) =>
    Promise.all(
      Array.from(
        { length: Math.min(inFlight, count + 1 - from) },
        async (_none, k) => (await timed(() => decide(fresh[2 * (from + k) + side]))).ms,
      ),
    );
  const apiOne = (projectId: string) => apiDecide(env, env.staff, projectId, accept);
  const rawOne = (projectId: string) => rawDecide(env, env.staff, projectId, accept);
  for (let i = 1; i <= count; i += inFlight) {
    api.push(...(await batch(i, 0, apiOne)));
    raw.push(...(await batch(i, 1, rawOne)));
  }
  await terminateAll(env, fresh.map(projectWorkflowId));
  const [apiP50, rawP50, apiP99, rawP99] = [
    percentile(api, 50),
    percentile(raw, 50),
    percentile(api, 99),
    percentile(raw, 99),
  ];
  log(
    `P2 (${inFlight} in flight) p50 diff ${round(apiP50 - rawP50)} ms, p99 diff ${round(apiP99 - rawP99)} ms`,
  );
  const what = `decision latency (POST screening vs executeUpdate)${inFlight > 1 ? `, ${inFlight} in flight` : ''}`;
  return [
    figure('P2 p50', what, 'ms', apiP50, rawP50, { atMost: 1.15 }),
    figure('P2 p99', what, 'ms', apiP99, rawP99, { atMost: 1.3 }),
    figure(
      'P2 diff',
      'absolute difference (ours column = p50, baseline column = p99)',
      'ms',
      apiP50 - rawP50,
      apiP99 - rawP99,
    ),
  ];
}

/** Who sends a happy-path step, by the fixture actor's role and id. */
export function senderOf(env: BenchEnvironment, actor: Actor): BenchUser {
  if (actor.role === 'mentor') return env.mentor;
  return actor.userId === 'u-staff-2' ? env.staff2 : env.staff;
}

export function withBenchMentor(env: BenchEnvironment, decision: Decision): Decision {
  return decision.type === 'assignMentor' ? { ...decision, mentorId: env.mentorId } : decision;
}

/** P3: whole projects, application to INCUBATED, `concurrency` at a time, one worker. */
export async function pipeline(
  env: BenchEnvironment,
  options: Options,
  log: Log,
): Promise<{ figures: Figure[]; finishedProjectId: string }> {
  const perRound = Math.max(1, Math.round(options.pipelines / options.rounds));
  const api = { done: 0, ms: 0 };
  const raw = { done: 0, ms: 0 };
  let finishedProjectId = '';
  const drive = async (
    submit: () => Promise<string>,
    send: (user: BenchUser, projectId: string, decision: Decision) => Promise<{ stage: string }>,
  ): Promise<string> => {
    const projectId = await submit();
    let stage = '';
    for (const step of HAPPY_PATH) {
      stage = (
        await send(senderOf(env, step.actor), projectId, withBenchMentor(env, step.decision))
      ).stage;
    }
    if (stage !== 'INCUBATED') throw new Error(`project ${projectId} ended at ${stage}`);
    return projectId;
  };
  const apiProject = (): Promise<string> =>
    drive(
      () => apiSubmit(env, benchApplication()),
      (user, id, decision) => apiDecide(env, user, id, decision),
    );
  const rawProject = (): Promise<string> =>
    drive(
      async () => {
        const id = await rawStart(env, benchApplication());
        return id;
      },
      (user, id, decision) => rawDecide(env, user, id, decision),
    );
  const side = async (tally: typeof api, go: () => Promise<string>): Promise<string[]> => {
    const { ms, value } = await timed(() =>
      mapLimit(Array.from({ length: perRound }), options.concurrency, () => go()),
    );
    tally.done += value.length;
    tally.ms += ms;
    return value;
  };
  const retriesBefore = decisionRetries.count;
  for (let round = 0; round < options.rounds; round++) {
    await side(api, apiProject);
    finishedProjectId = (await side(raw, rawProject))[0];
  }
  const history = await env.client.workflow
    .getHandle(projectWorkflowId(finishedProjectId))
    .fetchHistory();
  const events = history.events?.length ?? 0;
  const retries = decisionRetries.count - retriesBefore;
  log(
    `P3 (${options.concurrency} in flight) api ${api.done} in ${round(api.ms, 0)} ms, raw ${raw.done} in ${round(raw.ms, 0)} ms; ${events} events; ${retries} API decisions answered 503 and were sent again`,
  );
  return {
    finishedProjectId,
    figures: [
      figure(
        'P3',
        `full pipeline (${HAPPY_PATH.length} decisions), ${options.concurrency} projects in flight`,
        'projects/min',
        (api.done / api.ms) * 60_000,
        (raw.done / raw.ms) * 60_000,
        { atLeast: 0.8 },
      ),
      figure(
        'P3 retries',
        'API decisions answered 503 and sent again with the same decisionId, of all sent',
        'decisions',
        retries,
        api.done * HAPPY_PATH.length,
      ),
      figure(
        'P3 events',
        "a finished project's history vs the 10,240-event warning",
        'events',
        events,
        10_240,
      ),
    ],
  };
}

const LIST_COLLEGES = 10;
const listCollege = (i: number): string => `Bench P4 College ${i % LIST_COLLEGES}`;

/** Creates the list benchmark's projects once; later runs find them in .data/bench. */
export async function ensureListProjects(
  env: BenchEnvironment,
  wanted: number,
  log: Log,
): Promise<void> {
  const existing = await env.db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM projects WHERE college LIKE 'Bench P4 College %'",
  );
  const missing = wanted - existing.rows[0].n;
  if (missing <= 0) return;
  log(`P4 creating ${missing} projects (kept in .data/bench for later runs)...`);
  const begin = nowMs();
  let created = 0;
  const ids = await mapLimit(Array.from({ length: missing }), 8, async (_item, i) => {
    const id = await rawStart(env, benchApplication(listCollege(existing.rows[0].n + i)));
    created += 1;
    if (created % 500 === 0)
      log(`  ${created}/${missing} in ${round((nowMs() - begin) / 1000, 0)} s`);
    return id;
  });
  await readModelRows(env, ids.slice(-200));
  log(`P4 created ${missing} projects in ${round((nowMs() - begin) / 1000, 0)} s`);
}

/** P4: the same filtered, paginated list through the API and through Temporal's visibility. */
export async function lists(env: BenchEnvironment, options: Options, log: Log): Promise<Figure[]> {
  await ensureListProjects(env, options.listProjects, log);
  const pageSize = 20;
  const apiList = async (college: string): Promise<number> => {
    const filter = `stage=APPLICATION&college=${encodeURIComponent(college)}&needsAttention=false&limit=${pageSize}`;
    const first = await apiGet(env, env.staff, `/projects?${filter}`);
    const page = first.body as { items: unknown[]; nextCursor: string | null };
    if (first.status !== 200) throw new Error(`GET /projects answered ${first.status}`);
    if (!page.nextCursor) return page.items.length;
    const second = await apiGet(env, env.staff, `/projects?${filter}&cursor=${page.nextCursor}`);
    return page.items.length + (second.body as { items: unknown[] }).items.length;
  };
  const rawList = async (college: string): Promise<number> => {
    const query = `WorkflowType = "projectWorkflow" AND IncubationStage = "APPLICATION" AND College = "${college}" AND NeedsAttention = false`;
    let n = 0;
    // Two pages, like the API side: the iterator fetches the second page after the first 20.
    for await (const execution of env.client.workflow.list({ query, pageSize })) {
      if (execution.workflowId) n += 1;
      if (n === 2 * pageSize) break;
    }
    return n;
  };
  // The floor: two requests to the app's hello-world route (no token, no SQL), the least any
  // two HTTP requests through this Nest app cost.
  const helloTwice = async (): Promise<number> => {
    for (let page = 0; page < 2; page++) {
      const response = await fetch(`${env.apiUrl}/health`);
      if (response.status !== 200) throw new Error(`GET /health answered ${response.status}`);
      await response.json();
    }
    return 2;
  };
  await apiList(listCollege(0));
  await rawList(listCollege(0));
  await helloTwice();
  const api: number[] = [];
  const raw: number[] = [];
  const floor: number[] = [];
  for (let i = 0; i < options.listSamples; i++) {
    const college = listCollege(i);
    const a = await timed(() => apiList(college));
    const r = await timed(() => rawList(college));
    floor.push((await timed(helloTwice)).ms);
    if (a.value !== r.value) log(`P4 warning: API listed ${a.value}, Temporal ${r.value}`);
    api.push(a.ms);
    raw.push(r.ms);
  }
  const total = await env.client.workflow
    .count(`College STARTS_WITH "Bench P4 College"`)
    .catch(() => undefined);
  log(`P4 Temporal counts ${total?.count ?? '?'} list projects`);
  return [
    figure(
      'P4 p50',
      `2 pages of 20, stage+college+attention over ${options.listProjects} projects`,
      'ms',
      percentile(api, 50),
      percentile(raw, 50),
      { atMost: 0.1 },
    ),
    figure('P4 p99', 'same list, p99', 'ms', percentile(api, 99), percentile(raw, 99), {
      atMost: 0.1,
    }),
    figure(
      'P4 floor',
      'two hello-world requests (GET /health) vs the same list, p50 (no goal)',
      'ms',
      percentile(floor, 50),
      percentile(raw, 50),
    ),
  ];
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/**
 * P5: RSS of an idle worker vs the same worker holding K open projects in its cache.
 *
 * A worker's RSS grows by a fixed amount over its first few hundred workflow tasks, whatever
 * its cache holds (V8's heap and the allocator's arenas settle at their working size; with a
 * cache of 2 the growth is the same), so "idle" is read twice: fresh from start, and after a
 * warm-up of `--warm-up-projects` projects that were then withdrawn (a closed run leaves the
 * cache). The goal is held to the warmed-up reading: that difference is what the cached
 * projects hold; the cold ratio is printed beside it.
 */
export async function memory(env: BenchEnvironment, options: Options, log: Log): Promise<Figure[]> {
  const taskQueue = `bench-memory-${Date.now()}`;
  const worker = await startWorkerProcess(
    { ...env.env, TEMPORAL_TASK_QUEUE: taskQueue },
    'worker-memory.log',
  );
  const startProjects = (count: number): Promise<string[]> =>
    mapLimit(Array.from({ length: count }), 8, () =>
      rawStartOn(env, taskQueue, benchApplication()),
    );
  try {
    await sleep(3_000);
    const cold = rssMb(worker.pid ?? 0);
    const warmUp = await startProjects(options.warmUpProjects);
    const withdraw: Decision = { type: 'withdraw', reason: 'memory benchmark warm-up' };
    await mapLimit(warmUp, 8, (projectId) => rawDecide(env, env.staff, projectId, withdraw));
    await sleep(3_000);
    const idle = rssMb(worker.pid ?? 0);
    const begin = nowMs();
    const ids = await startProjects(options.cachedProjects);
    await sleep(3_000);
    const loaded = rssMb(worker.pid ?? 0);
    log(
      `P5 fresh ${round(cold)} MB, after ${warmUp.length} withdrawn projects ${round(idle)} MB, ` +
        `${ids.length} cached ${round(loaded)} MB (started in ${round((nowMs() - begin) / 1000, 0)} s)`,
    );
    await terminateAll(env, ids.map(projectWorkflowId));
    const perProject = (loaded - idle) / options.cachedProjects;
    return [
      figure(
        'P5',
        `worker RSS, ${options.cachedProjects} cached projects vs idle (warmed up)`,
        'MB',
        loaded,
        idle,
        { atMost: 2 },
      ),
      {
        id: 'P5 per project',
        what: 'MB per cached project (ours) vs the 0.3 MB goal',
        unit: 'MB',
        ours: round(perProject, 3),
        baseline: 0.3,
        ratio: round(perProject / 0.3, 3),
        goal: '<= 1.00',
        met: perProject <= 0.3,
      },
      figure(
        'P5 cold',
        `worker RSS, ${options.cachedProjects} cached projects vs fresh from start (no goal)`,
        'MB',
        loaded,
        cold,
      ),
    ];
  } finally {
    await stopProcess(worker);
  }
}

/**
 * P6: replaying a finished project's history vs fetching it. The replay goes through the warm
 * replay worker GET /projects/:id/replay-check uses; its start is paid once, before measuring.
 */
export async function replay(
  env: BenchEnvironment,
  options: Options,
  finishedProjectId: string,
  log: Log,
): Promise<Figure[]> {
  const handle = env.client.workflow.getHandle(projectWorkflowId(finishedProjectId));
  const history = await handle.fetchHistory();
  const bundle = loadWorkflowBundle(env.config.WORKFLOW_BUNDLE_PATH);
  const replayer = warmReplayer(() => bundle);
  const replayOnce = async (): Promise<void> => {
    const { error } = await replayer.replay(handle.workflowId, history);
    if (error) throw error;
  };
  try {
    const coldStart = await timed(replayOnce);
    const fetches: number[] = [];
    const replays: number[] = [];
    for (let i = 0; i < options.replays; i++) {
      fetches.push((await timed(() => handle.fetchHistory())).ms);
      replays.push((await timed(replayOnce)).ms);
    }
    log(
      `P6 first replay (worker start) ${round(coldStart.ms, 0)} ms; fetch ${fetches.map((v) => round(v, 0)).join(', ')}; replay ${replays.map((v) => round(v, 0)).join(', ')}`,
    );
    return [
      figure(
        'P6',
        `replay vs fetch of a ${history.events?.length ?? 0}-event history`,
        'ms',
        median(replays),
        median(fetches),
        { atMost: 1 },
      ),
    ];
  } finally {
    await replayer.close();
  }
}

/** Closes workflows earlier runs left open, except the list benchmark's kept projects. */
export async function closeLeftovers(env: BenchEnvironment, log: Log): Promise<void> {
  const colleges = Array.from({ length: LIST_COLLEGES }, (_v, i) => `"${listCollege(i)}"`).join(
    ', ',
  );
  const ids: string[] = [];
  for await (const execution of env.client.workflow.list({
    query: `ExecutionStatus = "Running" AND College NOT IN (${colleges})`,
  })) {
    ids.push(execution.workflowId);
  }
  if (ids.length > 0) log(`terminating ${ids.length} projects earlier runs left open`);
  await terminateAll(env, ids);
}
