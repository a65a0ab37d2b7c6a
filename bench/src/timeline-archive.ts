import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { projectWorkflowId } from '@app/workflows/public-api';
import { HAPPY_PATH } from '../../test/support/pipeline-steps';
import { freePort } from '../../infra/dev/free-port';
import { resolveTemporalBinary } from '../../infra/dev/temporal-binary';
import { startTemporalDevServer, stopProcess } from '../../infra/dev/temporal-dev-server';
import { Figure, Log, senderOf, withBenchMentor } from './benchmarks';
import { BENCH_NAMESPACE, BenchEnvironment, startWorkerProcess } from './environment';
import { stopOnInterrupt } from './interrupt';
import { benchApplication, rawDecide, rawStartOn, readModelRows } from './projects';
import { archiveClosedRuns } from './replay-all';
import { median, nowMs, round } from './stats';
import { p50Figure, readTimeline } from './reviewer-reads';

/** Small enough that the 13 decisions of the happy path span several runs. */
const SUGGEST_CONTINUE_AS_NEW_AFTER = 40;

/**
 * P8 archive: the timeline of a finished project that lived in several continue-as-new runs,
 * every run read from the archive (PostgreSQL), ÷ the raw client reading the same runs from
 * Temporal: the latest run's history, then each earlier run named by its first event's
 * `continuedExecutionRunId` (a client has no other way to find them in order). The project
 * runs on a second, in-memory dev server that suggests continue-as-new after 40 events, with
 * its own worker writing to the benchmark's PostgreSQL; the API never calls that server here,
 * because the archive holds the final run.
 */
export async function timelineFromArchive(
  env: BenchEnvironment,
  samples: number,
  log: Log,
): Promise<Figure[]> {
  const temporal = await startTemporalDevServer({
    binary: resolveTemporalBinary(log),
    port: await freePort(),
    logFile: join(process.cwd(), '.data', 'bench', 'temporal-archive.log'),
    namespace: BENCH_NAMESPACE,
    dynamicConfig: { 'limit.historyCount.suggestContinueAsNew': SUGGEST_CONTINUE_AS_NEW_AFTER },
    ownProcessGroup: true,
  });
  const forgetTemporal = stopOnInterrupt('the archive benchmark Temporal', () => temporal.stop());
  const taskQueue = 'bench-archive';
  const worker = await startWorkerProcess(
    { ...env.env, TEMPORAL_ADDRESS: temporal.address, TEMPORAL_TASK_QUEUE: taskQueue },
    'worker-archive.log',
  );
  const connection = await Connection.connect({ address: temporal.address });
  try {
    const client = new Client({ connection, namespace: BENCH_NAMESPACE });
    const there: BenchEnvironment = { ...env, client };
    const projectId = await rawStartOn(there, taskQueue, benchApplication());
    for (const step of HAPPY_PATH) {
      await rawDecide(
        there,
        senderOf(env, step.actor),
        projectId,
        withBenchMentor(env, step.decision),
      );
    }
    const workflowId = projectWorkflowId(projectId);
    await client.workflow.getHandle(workflowId).result();
    await readModelRows(env, [projectId]);
    await archiveClosedRuns(env, log, client, ` AND WorkflowId = '${workflowId}'`);

    const rawChain = async (): Promise<number> => {
      let runs = 0;
      let runId: string | undefined;
      do {
        const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
        runs += 1;
        runId =
          history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId ||
          undefined;
      } while (runId);
      return runs;
    };
    const base = `/projects/${projectId}/timeline`;
    const first = JSON.parse(await readTimeline(env, base).then((r) => r.body)) as {
      runs: { source: string }[];
    };
    const runs = await rawChain();
    if (first.runs.length !== runs || first.runs.some((run) => run.source !== 'archive')) {
      throw new Error(
        `P8 archive: the timeline has ${first.runs.length} runs (${first.runs.map((r) => r.source).join(', ')}), Temporal ${runs}`,
      );
    }
    const json: number[] = [];
    const csv: number[] = [];
    const raw: number[] = [];
    for (let i = 0; i < samples; i++) {
      json.push((await readTimeline(env, base)).ms);
      const start = nowMs();
      await rawChain();
      raw.push(nowMs() - start);
      csv.push((await readTimeline(env, `${base}?format=csv`)).ms);
    }
    log(
      `P8 archive (${runs} runs): timeline p50 ${round(median(json))} ms, csv ${round(median(csv))} ms, raw chain of fetches ${round(median(raw))} ms (${samples} each)`,
    );
    const figureOf = (id: string, what: string, ours: number[]): Figure =>
      p50Figure(id, what, ours, raw, 1.5);
    return [
      figureOf(
        'P8 archive',
        `timeline (JSON) of a finished project of ${runs} runs, all archived, vs raw fetches of its runs, p50`,
        json,
      ),
      figureOf('P8 archive csv', 'the same timeline as CSV vs the same raw fetches, p50', csv),
    ];
  } finally {
    await connection.close();
    await stopProcess(worker);
    await temporal.stop();
    forgetTemporal();
  }
}
