import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { freePort } from '../../../infra/dev/free-port';
import { repoRoot } from '../../../infra/dev/repo-root';
import { createFuzzPeople, SetUpClient, SetUpPatience } from '../../../infra/fuzz/fuzz-people';
import { runFuzz } from '../../../infra/fuzz/fuzz-run';
import { FUZZ_CHECKS, SIZES } from '../../../infra/fuzz/schemathesis-run';
import { FuzzJudgement, judgeCassettes } from '../support/fuzz-cassette';
import { backlogDrained, everyProjectAnswers } from '../support/pipeline-run';
import { activitiesRetrying, readModelLagging } from '../support/read-model';
import type { AppProcess, ReliabilityRig } from '../support/rig';
import type { RunSize } from '../support/sizes';
import { ScenarioTally } from '../support/tally';
import { verifyEffects } from '../support/verify-effects';

/**
 * After a fault is repaired, requests already on their way (the fuzzer sends without pause)
 * still meet a system finishing its catch-up: the window stays open this much longer.
 */
const GRACE_MS = 3_000;

/** Set-up calls retry a 503 this long: on a loaded machine a start can outlast the deadline. */
const SET_UP_PATIENCE: SetUpPatience = { retryUnavailableMs: 60_000 };

const log = (line: string): void => console.log(`[fuzz under faults] ${line}`);

/** Sleeps `ms`, or less if the fuzzing ends first. */
async function pause(ms: number, over: AbortSignal): Promise<void> {
  await sleep(ms, undefined, { signal: over }).catch((error: unknown) => {
    if (!over.aborted) throw error;
  });
}

export interface FuzzUnderFaultsOptions {
  scenario?: string;
  /** Something between the fuzzer and the API (the bite's proxy answering 500 to GET /me). */
  inBetween?: (apiUrl: string) => Promise<{ url: string; stop(): Promise<void> }>;
  /** How long the read model may take to catch up after the PostgreSQL outage. */
  catchUpTimeoutMs?: number;
}

/** Every project of the rig (earlier scenarios' too: a closed one is looked at once). */
async function projectIds(rig: ReliabilityRig): Promise<string[]> {
  return (await rig.db.query<{ id: string }>('SELECT id FROM projects')).rows.map((row) => row.id);
}

function printJudgement(judgement: FuzzJudgement, perRole: string): void {
  log(`${judgement.requests} requests (${perRole})`);
  log('checks (passed or not applicable / failed, per interaction):');
  for (const name of FUZZ_CHECKS) {
    const [passed, failed] = judgement.checks.get(name) ?? [0, 0];
    log(`  ${name}: ${passed} / ${failed}`);
  }
  log(
    `inside the fault windows: ${judgement.insideFaults} requests, ` +
      `${judgement.unavailableInside} answered ≥ 500 or not at all (counted apart), ` +
      `${judgement.failedChecksInside} other failed checks (not counted)`,
  );
  log(
    `outside them: ${judgement.serverErrorsOutside} answered ≥ 500, ` +
      `${judgement.failedChecksOutside} failed checks; accepted bad inputs: ${judgement.acceptedBad}`,
  );
}

/**
 * Fuzzing under faults: schemathesis (the API-contract run of infra/fuzz, every role, stateful)
 * against the rig's API process, while the worker is killed with SIGKILL and restarted and
 * PostgreSQL is stopped and started again (once each in the small run; over and over until the
 * fuzzing ends in the full one). Every interaction of its cassettes is then judged against the
 * fault windows: ≥ 500 outside them, a 2xx to a bad input, or any check failed outside them is
 * a failure; 503s inside are counted apart.
 */
export async function fuzzUnderFaults(
  rig: ReliabilityRig,
  size: RunSize,
  random: () => number,
  options: FuzzUnderFaultsOptions = {},
): Promise<ScenarioTally> {
  const fuzzSize = SIZES[size.name];
  const tally = new ScenarioTally(
    options.scenario ?? `fuzzing under faults: schemathesis ${size.name}, kill -9, PostgreSQL down`,
  );
  const catchUpTimeoutMs = options.catchUpTimeoutMs ?? (size.name === 'full' ? 600_000 : 120_000);
  const running: { worker: AppProcess } = { worker: rig.startWorker() };
  const apiPort = await freePort();
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  let api: AppProcess | undefined;
  let inBetween: { url: string; stop(): Promise<void> } | undefined;
  let staffToken = '';

  // A recording or email still in its back-off holds its project's next decision up: the
  // fault is repaired once nothing retries what it broke.
  const settled = async (ids: string[], fault: string, timeoutMs = 60_000): Promise<void> => {
    const retrying = await activitiesRetrying(rig, ids, timeoutMs);
    if (retrying.length > 0) {
      tally.problem(
        `${retrying.length} projects still retried an activity ${Math.round(timeoutMs / 1000)} s after ${fault}: ${retrying.slice(0, 5).join(', ')}`,
      );
    }
  };

  // Every workflow answers again and the task queue is drained. With the full run's hundreds
  // of projects a restarted worker replays each of them first (a full run found 120 s too
  // short on 2 loaded cores): it gets the catch-up timeout, and a failure is a finding with
  // the run's figures, not an end to the run.
  const repaired = async (ids: string[], fault: string): Promise<void> => {
    try {
      await everyProjectAnswers(rig.client, ids, catchUpTimeoutMs);
      await backlogDrained(rig.client, rig.taskQueue, catchUpTimeoutMs);
    } catch (error) {
      tally.problem(`after ${fault}: ${(error as Error).message}`);
    }
  };

  const killWorker = async (): Promise<void> => {
    tally.openWindow('worker killed');
    await running.worker.kill9();
    await sleep(500 + random() * 1_500);
    running.worker = rig.startWorker();
    await rig.waitForWorker(running.worker);
    const ids = await projectIds(rig);
    await repaired(ids, 'the worker was killed');
    await settled(ids, 'the worker was killed');
    tally.closeWindow(GRACE_MS);
  };

  const postgresDown = async (): Promise<void> => {
    tally.openWindow('PostgreSQL stopped');
    await rig.stopPostgres();
    await sleep(size.postgresOutageMs);
    await rig.startPostgres();
    const deadline = Date.now() + 60_000;
    for (;;) {
      const answer = await fetch(`${apiUrl}/projects`, {
        headers: { authorization: `Bearer ${staffToken}` },
      }).catch(() => undefined);
      if (answer?.status === 200) break;
      if (Date.now() > deadline) throw new Error('reads did not come back after the outage');
      await sleep(500);
    }
    const ids = await projectIds(rig);
    await repaired(ids, 'the outage');
    const caughtUpBy = Date.now() + catchUpTimeoutMs;
    const lagging = await readModelLagging(rig, ids, catchUpTimeoutMs);
    if (lagging.length > 0) {
      tally.problem(
        `the read model of ${lagging.length} projects lagged ${catchUpTimeoutMs / 1000} s after the outage: ${lagging.slice(0, 5).join(', ')}`,
      );
    }
    await settled(ids, 'the outage', Math.max(0, caughtUpBy - Date.now()));
    tally.closeWindow(GRACE_MS);
  };

  // The small run's faults fit in its first minute; the full run faults again and again.
  const faults = async (over: AbortSignal): Promise<void> => {
    const cycles = size.name === 'full' ? Number.POSITIVE_INFINITY : 1;
    for (let cycle = 0; cycle < cycles && !over.aborted; cycle += 1) {
      await pause(5_000 + random() * 5_000, over);
      if (over.aborted) break;
      await killWorker();
      await pause(3_000 + random() * 3_000, over);
      if (over.aborted) break;
      await postgresDown();
      if (size.name === 'full') await pause(60_000, over);
    }
  };

  try {
    api = await rig.startApiProcess(apiPort, { SIGN_IN_MAX_FAILURES_PER_ADDRESS: '100000' });
    await rig.waitForWorker(running.worker);
    const people = await createFuzzPeople(new SetUpClient(apiUrl, SET_UP_PATIENCE), rig.env());
    staffToken = people.tokens.staff;
    inBetween = await options.inBetween?.(apiUrl);
    let judgement: FuzzJudgement | undefined;
    const runDir = join(
      repoRoot(),
      '.data/reliability/fuzz',
      new Date().toISOString().replace(/[:.]/g, '-'),
    );
    log(`schemathesis ${fuzzSize.name} against ${inBetween?.url ?? apiUrl}; files in ${runDir}`);
    const fuzzed = await runFuzz({
      baseUrl: inBetween?.url ?? apiUrl,
      people,
      mentorId: people.mentorId,
      size: fuzzSize,
      runDir,
      seed: Math.floor(random() * 2 ** 31),
      setUpPatience: SET_UP_PATIENCE,
      onFuzzing: faults,
      judgeInteractions: (results) => {
        const judged = judgeCassettes(results, tally);
        judgement = judged.judgement;
        const perRole = results.map((result) => `${result.role} ${result.requests}`).join(', ');
        printJudgement(judged.judgement, perRole);
        return judged.problems;
      },
    });
    for (const problem of fuzzed.problems) tally.problem(problem);
    if (tally.faultWindows.length < 2) {
      tally.problem(`the fuzzing ended before both faults struck (${tally.faultWindows.length})`);
    }
    tally.checks += fuzzed.requests;
    const roles = fuzzed.results.map((result) => `${result.role} ${result.requests}`).join(', ');
    tally.notes.push(
      `${fuzzed.requests} fuzz requests (${roles}); checks ${FUZZ_CHECKS.join(', ')}`,
    );
    if (judgement) {
      tally.notes.push(
        `${judgement.insideFaults} requests inside fault windows; ` +
          `${judgement.failedChecksInside} checks failed inside them (not counted)`,
      );
    }
    // Requests inside the windows cannot get a 2xx: a figure here, a failure only in fuzz-api.sh.
    const without = fuzzed.operationsWithout2xx;
    tally.notes.push(
      `operations without a 2xx: ${without.length}${without.length > 0 ? ` (${without.join(', ')})` : ''}`,
    );
    if (without.length > 0) log(`warning: ${without.length} operations got no 2xx`);
    // The faults left the audit chain whole (no decision is tracked here: the fuzzer's own).
    await verifyEffects(rig, tally, rig.client);
    return tally;
  } finally {
    await inBetween?.stop();
    await api?.stop();
    await running.worker.stop();
  }
}
