import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { InvalidConfigError, loadConfig } from '@app/config';
import { temporalDataConverter } from '@app/temporal-connection';
import {
  bundleWorkflowsFrom,
  historiesInFile,
  loadWorkflowBundle,
  replayRuns,
} from '../project-history/workflow-replay';

const USAGE =
  'usage: npm run replay -- <history.json> [--workflows <workflows index.ts>]\n' +
  '  <history.json>: GET /projects/:id/history (all runs) or ?run=<runId> (one run), or the output of\n' +
  '  `temporal workflow show -w ID --output json --no-json-shorthand-payloads`\n' +
  '  --workflows: replay against other workflow code (bundled from source) instead of the built bundle';

/**
 * `npm run replay -- <file>`: replays a downloaded history against the current workflow code
 * (the bundle `npm run build` made, WORKFLOW_BUNDLE_PATH). Prints "consistent" and exits 0, or
 * where the code diverges from the history and exits 1.
 */
async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    options: { workflows: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) {
    console.error(USAGE);
    return 2;
  }
  const { workflowId, runs } = historiesInFile(readFileSync(resolve(positionals[0]), 'utf8'));
  const bundle = values.workflows
    ? await bundleWorkflowsFrom(resolve(values.workflows))
    : await loadWorkflowBundle(loadConfig().WORKFLOW_BUNDLE_PATH);
  // The deployment's keys decrypt encrypted histories; plain ones replay as they are.
  const report = await replayRuns(bundle, workflowId, runs, temporalDataConverter(loadConfig()));
  for (const run of report.runs) {
    console.log(
      run.consistent
        ? `run ${run.runId}: consistent`
        : `run ${run.runId}: diverges: ${run.divergence?.error}: ${run.divergence?.message}`,
    );
  }
  console.log(report.consistent ? 'consistent' : 'diverges from the workflow code');
  return report.consistent ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      'replay failed:',
      error instanceof InvalidConfigError || error instanceof Error ? error.message : error,
    );
    process.exit(2);
  },
);
