import { crewOf } from '../support/crew';
import {
  everyProjectAnswers,
  expectEveryProjectFinished,
  runPipelineUnderFaults,
} from '../support/pipeline-run';
import { PATIENT, RetryPolicy } from '../support/retrying-client';
import type { AppProcess, ReliabilityRig } from '../support/rig';
import type { RunSize } from '../support/sizes';
import { ScenarioTally } from '../support/tally';
import { verifyEffects } from '../support/verify-effects';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** How a read-model stage is read in every scenario. */
export function stageReader(rig: ReliabilityRig) {
  return async (projectId: string): Promise<string | undefined> =>
    (await rig.db.query<{ stage: string }>('SELECT stage FROM projects WHERE id = $1', [projectId]))
      .rows[0]?.stage;
}

/**
 * Worker crash: projects mid-pipeline, decisions in flight from three clients, the only
 * worker process killed with SIGKILL at a random moment, twice, and started again each time.
 */
export async function workerCrash(
  rig: ReliabilityRig,
  size: RunSize,
  random: () => number,
  options: { policy?: RetryPolicy; scenario?: string } = {},
): Promise<ScenarioTally> {
  const tally = new ScenarioTally(options.scenario ?? 'worker crash: kill -9, twice');
  const api = await rig.startApiInProcess();
  let worker: AppProcess = rig.startWorker();
  try {
    await rig.waitForWorker(worker);
    const crew = await crewOf(rig, () => api.baseUrl, tally, options.policy ?? PATIENT);
    const created: string[] = [];
    const strike = async (): Promise<void> => {
      await sleep(random() * 400);
      tally.openWindow('worker killed');
      await worker.kill9();
      await sleep(500 + random() * 1_500);
      worker = rig.startWorker();
      await everyProjectAnswers(rig.client, [...created]);
      tally.closeWindow();
    };
    await runPipelineUnderFaults({
      tally,
      crew,
      projects: size.projects,
      staggerMs: size.staggerMs,
      random,
      created,
      faults: [
        { afterAccepted: size.projects * 2, strike },
        { afterAccepted: size.projects * 7, strike },
      ],
    });
    await expectEveryProjectFinished(tally, rig.client, stageReader(rig), created);
    await verifyEffects(rig, tally, rig.client);
    tally.notes.push(`${created.length} projects, worker killed twice`);
    return tally;
  } finally {
    await api.close();
    await worker.stop();
  }
}
