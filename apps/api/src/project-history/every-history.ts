import type { Client } from '@temporalio/client';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import type { DataSource } from 'typeorm';
import { archivedRunIds, everyArchivedHistory } from '@app/persistence';
import type { ReplayItem } from './replay-pool';

/** The workflow every project runs (libs/workflows exports only it). */
export const PROJECT_WORKFLOW_TYPE = 'projectWorkflow';

/**
 * Every history an upgrade must replay: each archived run (from PostgreSQL, no server needed),
 * then each run Temporal still holds that the archive does not (the running projects, and
 * closed runs the sweeper has not archived yet), fetched from Temporal. A run is checked once,
 * from the archive when it is there.
 */
export async function* everyProjectHistory(
  dataSource: DataSource,
  client: Client,
): AsyncGenerator<ReplayItem> {
  for await (const run of everyArchivedHistory(dataSource)) {
    if (run.workflowType !== PROJECT_WORKFLOW_TYPE) continue;
    yield {
      workflowId: run.workflowId,
      runId: run.runId,
      source: 'archive',
      history: historyFromJSON(JSON.parse(run.history)),
    };
  }
  let page: { workflowId: string; runId: string }[] = [];
  const fromTemporal = async function* (): AsyncGenerator<ReplayItem> {
    const archived = await archivedRunIds(
      dataSource,
      page.map((run) => run.runId),
    );
    for (const run of page) {
      if (archived.has(run.runId)) continue;
      const history = await client.workflow.getHandle(run.workflowId, run.runId).fetchHistory();
      yield { workflowId: run.workflowId, runId: run.runId, source: 'temporal', history };
    }
    page = [];
  };
  for await (const execution of client.workflow.list({
    query: `WorkflowType = '${PROJECT_WORKFLOW_TYPE}'`,
  })) {
    page.push({ workflowId: execution.workflowId, runId: execution.runId });
    if (page.length >= 100) yield* fromTemporal();
  }
  yield* fromTemporal();
}

/** What `npm run replay -- --all` prints: counts by source and outcome. */
export interface ReplayCounts {
  checked: number;
  consistent: number;
  diverging: number;
  projects: number;
  bySource: Record<ReplayItem['source'], { consistent: number; diverging: number }>;
}

export function countReplays(
  results: { workflowId: string; source: ReplayItem['source']; consistent: boolean }[],
): ReplayCounts {
  const bySource: ReplayCounts['bySource'] = {
    archive: { consistent: 0, diverging: 0 },
    temporal: { consistent: 0, diverging: 0 },
  };
  for (const result of results) {
    bySource[result.source][result.consistent ? 'consistent' : 'diverging'] += 1;
  }
  const consistent = results.filter((result) => result.consistent).length;
  return {
    checked: results.length,
    consistent,
    diverging: results.length - consistent,
    projects: new Set(results.map((result) => result.workflowId)).size,
    bySource,
  };
}
