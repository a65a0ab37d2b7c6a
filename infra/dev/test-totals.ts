import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The counts Jest's `--json` and Vitest's json reporter both write at the top of their file. */
export interface RunCounts {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}

export interface Totals {
  runs: { name: string; passed: number; failed: number; skipped: number }[];
  passed: number;
  failed: number;
  skipped: number;
}

export function addUp(runs: { name: string; counts: RunCounts }[]): Totals {
  const rows = runs.map(({ name, counts }) => ({
    name,
    passed: counts.numPassedTests,
    failed: counts.numFailedTests,
    skipped: counts.numPendingTests + counts.numTodoTests,
  }));
  const sum = (key: 'passed' | 'failed' | 'skipped'): number =>
    rows.reduce((total, row) => total + row[key], 0);
  return { runs: rows, passed: sum('passed'), failed: sum('failed'), skipped: sum('skipped') };
}

/**
 * The closing line of `npm test`: every runner's counts added up, in the plain
 * "N passed, N failed, N skipped" form that a CI reads whatever the runner (Jest's own summary
 * is one per run and says "Tests:", which a reader of closing lines does not know).
 */
export function closingLine(totals: Totals): string {
  return `tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`;
}

function main(dir: string): void {
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort();
  const totals = addUp(
    files.map((file) => ({
      name: file.replace(/\.json$/, ''),
      counts: JSON.parse(readFileSync(join(dir, file), 'utf8')) as RunCounts,
    })),
  );
  for (const run of totals.runs) {
    console.log(
      `  ${run.name}: ${run.passed} passed, ${run.failed} failed, ${run.skipped} skipped`,
    );
  }
  console.log(closingLine(totals));
  if (totals.runs.length === 0 || totals.failed > 0) process.exitCode = 1;
}

if (require.main === module) main(process.argv[2] ?? '.');
