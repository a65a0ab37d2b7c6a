import { setTimeout as sleep } from 'node:timers/promises';
import type { TestingModuleBuilder } from '@nestjs/testing';
import { DelayingProxy } from '../../support/delaying-proxy';
import { sampleApplication, uniqueSuffix } from '../../support/fixtures';
import { caughtUp } from '../support/pipeline-run';
import type { ReliabilityRig } from '../support/rig';
import type { RunSize } from '../support/sizes';
import type { ScenarioTally } from '../support/tally';
import { faultedPipeline, Running } from './faulted-pipeline';

/**
 * Temporal goes away in two ways, one after the other: first it hangs (the API's calls reach
 * it and it acts on them, but its answers come after the API's deadline: the start or the
 * decision happened and the caller was told 503), then the dev server is stopped for good
 * and started again on the same port and SQLite file. The window closes once every project's
 * workflow answers again.
 */
async function hangThenRestart(
  running: Running,
  proxy: DelayingProxy,
  hangMs: number,
  downMs: number,
): Promise<void> {
  const { rig, tally } = running;
  tally.openWindow('Temporal hangs, then is down');
  proxy.delayMs = rig.deadlineMs + 1_500;
  // Starts sent into the hang: Temporal starts the workflow, the caller is told 503 and
  // retries with the same Idempotency-Key; each must end as exactly one project.
  const staff = running.crew!.staff[1];
  const startsInFlight = Promise.all(
    [0, 1].map(() => staff.submit(sampleApplication(uniqueSuffix()))),
  );
  await sleep(hangMs);
  await rig.stopTemporal();
  proxy.delayMs = 0;
  await sleep(downMs);
  await rig.startTemporal();
  if (running.worker.child.exitCode !== null || running.worker.child.signalCode !== null) {
    // What a supervisor (systemd, Kubernetes) does; noted, since it is not the worker's own doing.
    tally.notes.push('the worker exited while Temporal was down and was started again');
    running.worker = rig.startWorker();
  }
  await caughtUp(rig.client, rig.taskQueue, [...running.created]);
  await startsInFlight;
  tally.closeWindow();
}

/** Inside the window only 503s, each within the deadline (plus the time to answer). */
function unavailableWithinDeadline(running: Running): Promise<void> {
  const { tally, rig } = running;
  for (const error of tally.serverErrorsInside) {
    const took = error.to - error.from;
    if (error.status !== 503) {
      tally.problem(`${error.what} answered ${error.status} while Temporal was away, not 503`);
    } else if (took > rig.deadlineMs + 3_000) {
      tally.problem(`${error.what} took ${took} ms to answer 503 (deadline ${rig.deadlineMs} ms)`);
    }
  }
  return Promise.resolve();
}

/**
 * Temporal restart: the API talks to Temporal through a proxy that can hold its answers back;
 * Temporal hangs, then stops and restarts (persisted to disk) mid-run. Starts in flight end as
 * one project each, decisions retried with their decisionId land once.
 */
export async function temporalRestart(
  rig: ReliabilityRig,
  size: RunSize,
  random: () => number,
  options: {
    scenario?: string;
    customise?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
  } = {},
): Promise<ScenarioTally> {
  const proxy = await DelayingProxy.start(`127.0.0.1:${rig.temporalPort}`);
  try {
    return await faultedPipeline(rig, size, random, {
      scenario: options.scenario ?? 'Temporal hangs, then restarts',
      apiAs: 'in-process',
      customise: options.customise,
      apiEnv: { TEMPORAL_ADDRESS: proxy.address },
      faults: (running) => [
        {
          // Right after the first start: the other starts are still to come, so some are in
          // flight when Temporal hangs.
          afterAccepted: 1,
          strike: () =>
            hangThenRestart(running, proxy, size.temporalOutageMs, size.temporalOutageMs),
        },
      ],
      afterwards: unavailableWithinDeadline,
    });
  } finally {
    await proxy.close();
  }
}
