import type { TestingModuleBuilder } from '@nestjs/testing';
import { freePort } from '../../../infra/dev/free-port';
import { crewOf } from '../support/crew';
import {
  Crew,
  expectEveryProjectFinished,
  Fault,
  runPipelineUnderFaults,
} from '../support/pipeline-run';
import { PATIENT, RetryPolicy } from '../support/retrying-client';
import type { AppProcess, ApiEndpoint, ReliabilityRig } from '../support/rig';
import type { RunSize } from '../support/sizes';
import { ScenarioTally } from '../support/tally';
import { verifyEffects } from '../support/verify-effects';

/** What a scenario's faults may act on: the running worker and API, replaceable. */
export interface Running {
  rig: ReliabilityRig;
  tally: ScenarioTally;
  crew?: Crew;
  worker: AppProcess;
  /** Set when the API runs as a process of its own (it can then be killed). */
  apiProcess?: AppProcess;
  apiPort: number;
  /** Ids of the projects created so far. */
  created: string[];
  random: () => number;
}

export function stageReader(rig: ReliabilityRig) {
  return async (projectId: string): Promise<string | undefined> =>
    (await rig.db.query<{ stage: string }>('SELECT stage FROM projects WHERE id = $1', [projectId]))
      .rows[0]?.stage;
}

/**
 * One fault scenario: steady state (a worker polling, an API answering), projects submitted
 * one after another and walked to INCUBATED by three clients while the faults strike, then
 * the verification: every project finished, every decision and start exactly once, the audit
 * chain intact. The API runs in the test (test-module seams possible) or as a process.
 */
export async function faultedPipeline(
  rig: ReliabilityRig,
  size: RunSize,
  random: () => number,
  options: {
    scenario: string;
    apiAs: 'process' | 'in-process';
    customise?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
    apiEnv?: Record<string, string>;
    workerEnv?: Record<string, string>;
    policy?: RetryPolicy;
    faults: (running: Running) => Fault[];
    /** Checks of the scenario's own once the run is over (emails, flags, …). */
    afterwards?: (running: Running) => Promise<void>;
  },
): Promise<ScenarioTally> {
  const tally = new ScenarioTally(options.scenario);
  let endpoint: ApiEndpoint | undefined;
  const running: Running = {
    rig,
    tally,
    worker: rig.startWorker(options.workerEnv),
    apiPort: 0,
    created: [],
    random,
  };
  try {
    if (options.apiAs === 'process') {
      running.apiPort = await freePort();
      running.apiProcess = await rig.startApiProcess(running.apiPort, options.apiEnv);
    } else {
      endpoint = await rig.startApiInProcess(options.customise, options.apiEnv);
      running.apiPort = Number(new URL(endpoint.baseUrl).port);
    }
    await rig.waitForWorker(running.worker);
    const baseUrl = `http://127.0.0.1:${running.apiPort}`;
    running.crew = await crewOf(rig, () => baseUrl, tally, options.policy ?? PATIENT);
    await runPipelineUnderFaults({
      tally,
      crew: running.crew,
      projects: size.projects,
      staggerMs: size.staggerMs,
      random,
      created: running.created,
      faults: options.faults(running),
    });
    await expectEveryProjectFinished(tally, rig.client, stageReader(rig), running.created);
    await verifyEffects(rig, tally, rig.client);
    await options.afterwards?.(running);
    tally.notes.push(`${running.created.length} projects`);
    return tally;
  } finally {
    await endpoint?.close();
    await running.apiProcess?.stop();
    await running.worker.stop();
  }
}
