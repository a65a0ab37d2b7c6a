import { setTimeout as sleep } from 'node:timers/promises';
import { caughtUp } from '../support/pipeline-run';
import { readModelLagging } from '../support/read-model';
import type { ReliabilityRig } from '../support/rig';
import type { RunSize } from '../support/sizes';
import type { ScenarioTally } from '../support/tally';
import { faultedPipeline, Running } from './faulted-pipeline';

/** Attempts after which a failing activity flags its project, in this scenario's worker. */
const ATTENTION_AFTER = 2;

/**
 * PostgreSQL stopped (a fast shutdown) for the outage, reads probed meanwhile, then started
 * again; the window closes once reads answer and every workflow answers again.
 */
async function postgresOutage(running: Running, outageMs: number): Promise<void> {
  const { rig, tally } = running;
  const staff = running.crew!.staff[0];
  tally.openWindow('PostgreSQL stopped');
  await rig.stopPostgres();
  const until = Date.now() + outageMs;
  let reads = 0;
  while (Date.now() < until) {
    const list = await staff.get('/projects');
    reads += 1;
    if (list.status !== 503)
      tally.problem(`GET /projects answered ${list.status} during the outage`);
    await sleep(1_000);
  }
  tally.notes.push(`${reads} reads during the outage`);
  await rig.startPostgres();
  const deadline = Date.now() + 60_000;
  while ((await staff.get('/projects')).status !== 200) {
    if (Date.now() > deadline) throw new Error('reads did not come back after the outage');
    await sleep(500);
  }
  await caughtUp(rig.client, rig.taskQueue, [...running.created]);
  // Recording activities retry with a growing back-off: the fault is over once the read
  // model holds what every workflow holds (until then a decision may still wait on one).
  await readModelCaughtUp(running, 120_000);
  tally.closeWindow();
}

async function readModelCaughtUp(running: Running, timeoutMs: number): Promise<void> {
  const lagging = await readModelLagging(running.rig, [...running.created], timeoutMs);
  if (lagging.length > 0) throw new Error(`the read model of ${lagging[0]} lags behind`);
}

/**
 * After the run: every email had one Message-ID however often it was handed to the relay
 * (copies counted), nothing is left unsent, and every activity that failed past the attention
 * threshold was audited when it recovered.
 */
async function mailAndAttention(running: Running): Promise<void> {
  const { rig, tally } = running;
  const deadline = Date.now() + 90_000;
  for (;;) {
    const pending = await rig.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM notifications WHERE status = 'pending'`,
    );
    if (pending.rows[0].n === 0) break;
    if (Date.now() > deadline) {
      tally.problem(`${pending.rows[0].n} notifications still pending after the outage`);
      break;
    }
    await sleep(1_000);
  }
  const byKey = new Map<string, Set<string>>();
  let copies = 0;
  for (const mail of rig.smtp.received) {
    // One email per notification and recipient; a copy handed to the relay again shares it.
    const key = `${mail.notificationKey} to ${[...mail.to].sort().join(',')}`;
    const ids = byKey.get(key) ?? new Set<string>();
    if (ids.size > 0) copies += 1;
    ids.add(mail.messageId);
    byKey.set(key, ids);
  }
  for (const [key, ids] of byKey) {
    if (ids.size > 1) tally.problem(`notification ${key} went out with ${ids.size} Message-IDs`);
  }
  tally.notes.push(
    `${rig.smtp.received.length} emails for ${byKey.size} notification recipients, ${copies} duplicate(s) (same Message-ID)`,
  );
  const attention = await rig.db.query<{ event_type: string; n: number }>(
    `SELECT event_type, count(*)::int AS n FROM audit_events
      WHERE event_type IN ('activityFailing', 'activityRecovered') AND project_id = ANY($1::uuid[])
      GROUP BY 1`,
    [running.created],
  );
  const counts = Object.fromEntries(attention.rows.map((row) => [row.event_type, row.n]));
  const flagged = await rig.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM projects WHERE needs_attention AND id = ANY($1::uuid[])',
    [running.created],
  );
  tally.notes.push(
    `activities past ${ATTENTION_AFTER} attempts: ${counts.activityFailing ?? 0} audited failing, ` +
      `${counts.activityRecovered ?? 0} audited recovered; ${flagged.rows[0].n} projects still flagged`,
  );
  if (flagged.rows[0].n > 0)
    tally.problem(`${flagged.rows[0].n} projects still flagged after recovery`);
}

/** PostgreSQL outage mid-run: activities retry, reads answer 503, the read model catches up. */
export function postgresOutageScenario(
  rig: ReliabilityRig,
  size: RunSize,
  random: () => number,
): Promise<ScenarioTally> {
  return faultedPipeline(rig, size, random, {
    scenario: `PostgreSQL down for ${size.postgresOutageMs / 1000} s`,
    apiAs: 'in-process',
    workerEnv: { ACTIVITY_ATTENTION_AFTER_ATTEMPTS: String(ATTENTION_AFTER) },
    faults: (running) => [
      {
        afterAccepted: size.projects * 3,
        strike: () => postgresOutage(running, size.postgresOutageMs),
      },
    ],
    afterwards: mailAndAttention,
  });
}
