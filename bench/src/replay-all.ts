import { availableParallelism } from 'node:os';
import type { Client } from '@temporalio/client';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import { DataSource } from 'typeorm';
import {
  archiveRun,
  archivedRunIds,
  everyArchivedHistory,
  type ArchivedHistory,
} from '@app/persistence';
import { PROJECT_WORKFLOW_TYPE } from '../../apps/api/src/project-history/every-history';
import { replayAll, type ReplayItem } from '../../apps/api/src/project-history/replay-pool';
import { loadWorkflowBundle } from '../../apps/api/src/project-history/workflow-replay';
import type { Figure, Log, Options } from './benchmarks';
import { profiled, topPackages } from './cpu-profile';
import type { BenchEnvironment } from './environment';
import { mapLimit, nowMs, round } from './stats';

/**
 * P6 as an upgrade check runs it: every archived history replayed on one replay worker per
 * core (`npm run replay -- --all`'s engine, read from PostgreSQL), against fetching all of
 * those runs from Temporal with the same concurrency. Throughputs, so `ratio = replay
 * histories/s ÷ fetch histories/s` (goal ≥ 0.25). The benchmark's worker does not sweep (its
 * sweep runs once an hour), so every closed run of the benchmark namespace is archived first,
 * the way the sweeper stores it.
 */
export async function replayEveryArchived(
  env: BenchEnvironment,
  options: Pick<Options, 'rounds'>,
  log: Log,
): Promise<Figure[]> {
  const lanes = availableParallelism();
  await archiveClosedRuns(env, log);
  const dataSource = env.api.get(DataSource);
  const runs: ArchivedHistory[] = [];
  for await (const run of everyArchivedHistory(dataSource)) {
    if (run.workflowType === PROJECT_WORKFLOW_TYPE) runs.push({ ...run, history: '' });
  }
  const bundle = await loadWorkflowBundle(env.config.WORKFLOW_BUNDLE_PATH);
  const fetchMs: number[] = [];
  const replayMs: number[] = [];
  let profileSummary: string[] = [];
  for (let i = 0; i < options.rounds; i++) {
    let start = nowMs();
    await mapLimit(runs, lanes, (run) =>
      env.client.workflow.getHandle(run.workflowId, run.runId).fetchHistory(),
    );
    fetchMs.push(nowMs() - start);
    start = nowMs();
    const replay = async () => {
      const results = await replayAll(bundle, fromArchive(), { lanes });
      const diverging = results.filter((result) => !result.consistent);
      if (diverging.length > 0) {
        throw new Error(`${diverging.length} archived runs diverge: ${diverging[0].runId}`);
      }
      return results.length;
    };
    // The last round under the profiler (its time is not counted: the profiler slows it).
    if (i === options.rounds - 1 && options.rounds > 1) {
      const { profile } = await profiled(replay);
      profileSummary = topPackages(profile, 10);
    } else {
      const replayed = await replay();
      replayMs.push(nowMs() - start);
      if (replayed !== runs.length) throw new Error(`replayed ${replayed} of ${runs.length}`);
    }
  }
  async function* fromArchive(): AsyncGenerator<ReplayItem> {
    for await (const run of everyArchivedHistory(dataSource)) {
      if (run.workflowType !== PROJECT_WORKFLOW_TYPE) continue;
      yield {
        workflowId: run.workflowId,
        runId: run.runId,
        source: 'archive',
        history: historyFromJSON(JSON.parse(run.history)),
      };
    }
  }
  const fetchRate = (runs.length * fetchMs.length) / (fetchMs.reduce((a, b) => a + b, 0) / 1000);
  const replayRate = (runs.length * replayMs.length) / (replayMs.reduce((a, b) => a + b, 0) / 1000);
  log(
    `P6 all: ${runs.length} archived runs, ${lanes} lanes; fetch ${fetchMs.map((v) => round(v, 0)).join(', ')} ms; replay ${replayMs.map((v) => round(v, 0)).join(', ')} ms (each with its workers' start)`,
  );
  if (profileSummary.length > 0)
    log(`P6 all replay profile (self time): ${profileSummary.join(', ')}`);
  const ratio = replayRate / fetchRate;
  return [
    {
      id: 'P6 all',
      what: `replay every archived run (${runs.length}) on ${lanes} replay workers vs fetching them, ${lanes} in flight`,
      unit: 'runs/s',
      ours: round(replayRate),
      baseline: round(fetchRate),
      ratio: round(ratio, 3),
      goal: '>= 0.25',
      met: ratio >= 0.25,
    },
  ];
}

/**
 * The sweeper's work for the benchmark namespace: every closed project run stored once
 * (`client` and `where` narrow it to another server or to some workflows).
 */
export async function archiveClosedRuns(
  env: BenchEnvironment,
  log: Log,
  client: Client = env.client,
  where = '',
): Promise<void> {
  const closed: {
    workflowId: string;
    runId: string;
    type: string;
    status: string;
    start: Date;
    close: Date;
  }[] = [];
  for await (const execution of client.workflow.list({
    query: `WorkflowType = '${PROJECT_WORKFLOW_TYPE}' AND ExecutionStatus != 'Running'${where}`,
  })) {
    closed.push({
      workflowId: execution.workflowId,
      runId: execution.runId,
      type: execution.type,
      status: execution.status.name,
      start: execution.startTime,
      close: execution.closeTime ?? new Date(),
    });
  }
  const dataSource = env.api.get(DataSource);
  const known = await archivedRunIds(
    dataSource,
    closed.map((run) => run.runId),
  );
  const missing = closed.filter((run) => !known.has(run.runId));
  await mapLimit(missing, 4, async (run) => {
    const history = await client.workflow.getHandle(run.workflowId, run.runId).fetchHistory();
    const events = history.events ?? [];
    await archiveRun(dataSource, {
      workflowId: run.workflowId,
      runId: run.runId,
      projectId: /^project-([0-9a-f-]{36})$/i.exec(run.workflowId)?.[1] ?? null,
      workflowType: run.type,
      status: run.status,
      startTime: run.start.toISOString(),
      closeTime: run.close.toISOString(),
      continuedFromRunId:
        events[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || null,
      eventCount: events.length,
      history: historyToJSON(history),
    });
  });
  log(`P6 all: ${closed.length} closed runs, ${missing.length} archived now`);
}
