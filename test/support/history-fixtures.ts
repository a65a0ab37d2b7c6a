import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';
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
  writeFileSync(file, `${historyToJSON(await handle.fetchHistory())}\n`);
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
