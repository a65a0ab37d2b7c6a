import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { InvalidConfigError, loadConfig } from '@app/config';
import { Client, Connection } from '@temporalio/client';
import { createDataSource } from '@app/persistence';
import { databaseSsl, DatabaseSslMode } from '@app/persistence/database-ssl';
import { temporalConnectionOptions, temporalDataConverter } from '@app/temporal-connection';
import { countReplays, everyProjectHistory } from '../project-history/every-history';
import { replayAll } from '../project-history/replay-pool';
import {
  bundleWorkflowsFrom,
  historiesInFile,
  loadWorkflowBundle,
  replayRuns,
  WorkflowBundle,
} from '../project-history/workflow-replay';

const USAGE =
  'usage: npm run replay -- <history.json> [--workflows <workflows index.ts>]\n' +
  '       npm run replay -- --all [--lanes <n>] [--workflows <workflows index.ts>]\n' +
  '  --all: every archived run (PostgreSQL) and every run Temporal holds that is not archived\n' +
  '  (running projects included), on one replay worker per core (--lanes); prints counts\n' +
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
    options: {
      workflows: { type: 'string' },
      all: { type: 'boolean', default: false },
      lanes: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.all ? positionals.length !== 0 : positionals.length !== 1) {
    console.error(USAGE);
    return 2;
  }
  const bundle = values.workflows
    ? await bundleWorkflowsFrom(resolve(values.workflows))
    : await loadWorkflowBundle(loadConfig().WORKFLOW_BUNDLE_PATH);
  if (values.all) {
    const lanes = values.lanes === undefined ? undefined : Number(values.lanes);
    if (lanes !== undefined && !(Number.isInteger(lanes) && lanes > 0)) {
      console.error('--lanes must be a positive integer');
      return 2;
    }
    return replayEverything(bundle, lanes);
  }
  const { workflowId, runs } = historiesInFile(readFileSync(resolve(positionals[0]), 'utf8'));
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

/** `--all`: every archived and every Temporal-held project run; exit 0 only if all replay. */
async function replayEverything(
  bundle: WorkflowBundle,
  lanes: number | undefined,
): Promise<number> {
  const config = loadConfig();
  const dataSource = createDataSource({
    url: config.DATABASE_URL,
    poolSize: 1,
    applicationName: 'replay-all',
    ssl: databaseSsl(config.DATABASE_SSL_MODE as DatabaseSslMode, config.DATABASE_SSL_CA_FILE),
  });
  await dataSource.initialize();
  const connection = await Connection.connect(temporalConnectionOptions(config));
  try {
    const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
    const startedAt = Date.now();
    const results = await replayAll(bundle, everyProjectHistory(dataSource, client), {
      lanes,
      dataConverter: temporalDataConverter(config),
      onResult: (result) => {
        if (!result.consistent) {
          console.log(
            `${result.workflowId} run ${result.runId} (${result.source}): diverges: ` +
              `${result.divergence?.error}: ${result.divergence?.message}`,
          );
        }
      },
    });
    const counts = countReplays(results);
    const seconds = (Date.now() - startedAt) / 1000;
    console.log(
      `checked ${counts.checked} runs of ${counts.projects} projects in ${seconds.toFixed(1)} s: ` +
        `${counts.consistent} consistent, ${counts.diverging} diverging ` +
        `(archive: ${counts.bySource.archive.consistent} consistent, ` +
        `${counts.bySource.archive.diverging} diverging; ` +
        `temporal: ${counts.bySource.temporal.consistent} consistent, ` +
        `${counts.bySource.temporal.diverging} diverging)`,
    );
    console.log(counts.diverging === 0 ? 'consistent' : 'diverges from the workflow code');
    return counts.diverging === 0 ? 0 : 1;
  } finally {
    await connection.close();
    await dataSource.destroy();
  }
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
