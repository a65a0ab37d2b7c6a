import { setTimeout as sleep } from 'node:timers/promises';
import { SubmissionCheckpoints } from '../../../apps/api/src/projects/submission-checkpoints';
import { sampleApplication, uniqueSuffix } from '../../support/fixtures';
import { crewOf } from '../support/crew';
import { PATIENT, RetryPolicy } from '../support/retrying-client';
import type { ReliabilityRig } from '../support/rig';
import type { RunSize } from '../support/sizes';
import { ScenarioTally } from '../support/tally';
import { verifyEffects } from '../support/verify-effects';
import { faultedPipeline, Running } from './faulted-pipeline';

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

/** How many starts the API "dies" on, right after claiming them. */
const STARTS_CUT = 3;

/**
 * The API dies between the claim and the start (the point where a kill -9 hurts a start
 * most), on every start's first attempt, made exact by the SubmissionCheckpoints seam the
 * one-start-one-project suite uses. The protections: the client retries with the same
 * Idempotency-Key (the claim re-issues its start) and the worker's reconciler finishes claims
 * nobody retried. Each start must end as exactly one project.
 */
export async function apiDiesAfterClaim(
  rig: ReliabilityRig,
  options: { scenario?: string; policy?: RetryPolicy; workerEnv?: Record<string, string> } = {},
): Promise<ScenarioTally> {
  const tally = new ScenarioTally(options.scenario ?? 'API dies between claim and start');
  const api = await rig.startApiInProcess((builder) =>
    builder.overrideProvider(SubmissionCheckpoints).useValue({
      afterClaim: () => {
        throw new Error('the API process died here');
      },
    }),
  );
  const worker = rig.startWorker(options.workerEnv);
  try {
    await rig.waitForWorker(worker);
    const crew = await crewOf(rig, () => api.baseUrl, tally, options.policy ?? PATIENT);
    // The cut answers stand for a connection closed by a dying process: inside the window.
    tally.openWindow('API dies after each claim');
    await Promise.all(
      Array.from({ length: STARTS_CUT }, (_, i) =>
        crew.staff[i % 2].submit(sampleApplication(uniqueSuffix())),
      ),
    );
    tally.closeWindow();
    await verifyEffects(rig, tally, rig.client);
    return tally;
  } finally {
    await api.close();
    await worker.stop();
  }
}
