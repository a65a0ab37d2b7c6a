import { setTimeout as sleep } from 'node:timers/promises';
import { caughtUp } from '../support/pipeline-run';
import type { RetryPolicy } from '../support/retrying-client';
import type { ReliabilityRig } from '../support/rig';
import type { RunSize } from '../support/sizes';
import type { ScenarioTally } from '../support/tally';
import { faultedPipeline, Running } from './faulted-pipeline';

/** kill -9 of the only worker at a random moment, and a new one started a moment later. */
async function killWorker(running: Running): Promise<void> {
  const { rig, tally, random } = running;
  await sleep(random() * 400);
  tally.openWindow('worker killed');
  await running.worker.kill9();
  await sleep(500 + random() * 1_500);
  running.worker = rig.startWorker();
  await caughtUp(rig.client, rig.taskQueue, [...running.created]);
  tally.closeWindow();
}

/**
 * Worker crash: projects mid-pipeline, decisions in flight from three clients, the worker
 * process killed with SIGKILL twice (once early in the paths, once late) and restarted.
 */
export function workerCrash(
  rig: ReliabilityRig,
  size: RunSize,
  random: () => number,
  options: { policy?: RetryPolicy; scenario?: string } = {},
): Promise<ScenarioTally> {
  return faultedPipeline(rig, size, random, {
    scenario: options.scenario ?? 'worker crash: kill -9, twice',
    apiAs: 'in-process',
    policy: options.policy,
    faults: (running) => [
      { afterAccepted: size.projects * 2, strike: () => killWorker(running) },
      { afterAccepted: size.projects * 7, strike: () => killWorker(running) },
    ],
  });
}
