import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../../infra/dev/repo-root';
import { SummaryRow, summaryTable } from './tally';

/** Where a run's summary lands (git-ignored): .data/reliability/<name>.json and .md. */
export function writeSummary(
  name: string,
  run: { size: string; seed: number },
  rows: readonly SummaryRow[],
): string {
  const dir = join(repoRoot(), '.data', 'reliability');
  mkdirSync(dir, { recursive: true });
  const table = summaryTable(rows);
  writeFileSync(
    join(dir, `${name}.json`),
    `${JSON.stringify({ ...run, finishedAt: new Date().toISOString(), rows }, null, 2)}\n`,
  );
  writeFileSync(join(dir, `${name}.md`), `${table}\n`);
  return table;
}
