import type { ReliabilityRig } from '../support/rig';
import type { RunSize } from '../support/sizes';
import type { ScenarioTally } from '../support/tally';
import { faultedPipeline, Running, sleep } from './faulted-pipeline';

/** kill -9 of the API process, and a new one on the same port; the window ends when it answers. */
async function killApi(running: Running): Promise<void> {
  const { rig, tally, random } = running;
  await sleep(random() * 300);
  tally.openWindow('API killed');
  await running.apiProcess!.kill9();
  await sleep(300 + random() * 700);
  running.apiProcess = await rig.startApiProcess(running.apiPort);
  tally.closeWindow();
}

/**
 * API crash: the built API as its own process, killed with SIGKILL while starts (submissions
 * are staggered) and decisions are in flight; the clients retry against the restarted one.
 */
export function apiCrash(
  rig: ReliabilityRig,
  size: RunSize,
  random: () => number,
): Promise<ScenarioTally> {
  return faultedPipeline(rig, size, random, {
    scenario: 'API crash: kill -9, twice',
    apiAs: 'process',
    faults: (running) => [
      { afterAccepted: Math.ceil(size.projects / 2), strike: () => killApi(running) },
      { afterAccepted: size.projects * 5, strike: () => killApi(running) },
    ],
  });
}
