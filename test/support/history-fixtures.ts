import { setTimeout as sleep } from 'node:timers/promises';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import { repoRoot } from '../../infra/dev/repo-root';

export const HISTORY_FIXTURES_DIR = join(repoRoot(), 'test/fixtures/histories');

/**
 * Records a scenario's history as a replay fixture, only if none is committed under that name.
 * A committed fixture is never overwritten: changing one is a deliberate, reviewed change
 * (delete it, re-run the scenario, commit the new file with the workflow change).
 */
export async function recordHistoryFixture(handle: WorkflowHandle, name: string): Promise<void> {
  const file = join(HISTORY_FIXTURES_DIR, `${name}.json`);
  if (existsSync(file)) return;
  mkdirSync(HISTORY_FIXTURES_DIR, { recursive: true });
  writeFileSync(file, `${historyToJSON(await settledHistory(handle))}\n`);
}

/**
 * The history once the workflow is idle: its last workflow task completed (commands such as a
 * started timer may follow) or the run closed. A fixture ending inside a task would make a
 * replay wait for ever.
 */
async function settledHistory(handle: WorkflowHandle): Promise<temporal.api.history.v1.IHistory> {
  const { EventType } = temporal.api.enums.v1;
  const closing = new Set<number>([
    EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
    EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW,
  ]);
  const deadline = Date.now() + 10_000;
  for (;;) {
    const history = await handle.fetchHistory();
    const types = (history.events ?? []).map((event) => Number(event.eventType));
    const lastTask = [...types].reverse().find((type) => {
      const name = EventType[type] ?? '';
      return name.startsWith('EVENT_TYPE_WORKFLOW_TASK_');
    });
    const idle =
      closing.has(types.at(-1) ?? -1) || lastTask === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED;
    if (idle) return history;
    if (Date.now() > deadline) throw new Error(`workflow ${handle.workflowId} never became idle`);
    await sleep(200);
  }
}

export function loadHistoryFixtures(): {
  name: string;
  history: temporal.api.history.v1.IHistory;
}[] {
  return readdirSync(HISTORY_FIXTURES_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({
      name: file.replace(/\.json$/, ''),
      history: historyFromJSON(JSON.parse(readFileSync(join(HISTORY_FIXTURES_DIR, file), 'utf8'))),
    }));
}
