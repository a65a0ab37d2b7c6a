import type { Decision } from '@app/domain';
import { projectWorkflowId } from '@app/workflows/public-api';
import { createTestUser } from '../../test/support/test-api';
import { Figure, Log, Options, terminateAll } from './benchmarks';
import { BenchEnvironment, BenchUser, signIn } from './environment';
import {
  apiDecide,
  benchApplication,
  decisionRetries,
  rawDecide,
  rawStart,
  readModelRows,
} from './projects';
import { mapLimit, round, timed } from './stats';

const PEOPLE = 32;
const FEW = 4;
/** Notes each person leaves per round: a decision that can be repeated on an open project. */
const PER_PERSON = 5;

/**
 * P9: decisions from many people at once. `PEOPLE` staff members, each on a project of their
 * own, each leaving `PER_PERSON` notes one after the other (a note is a decision like any
 * other: validated, recorded in the read model and the global audit chain, then answered).
 * Accepted decisions per second through the API ÷ the raw client's `executeUpdate` with as
 * many in flight; and the API at 32 in flight ÷ at 4, because the raw side runs the same
 * workflow under the same audit lock and so cancels out what both share.
 */
export async function decisionsUnderLoad(
  env: BenchEnvironment,
  options: Pick<Options, 'rounds'>,
  log: Log,
): Promise<Figure[]> {
  const people: BenchUser[] = await mapLimit(Array.from({ length: PEOPLE }), 4, async () => {
    const user = await createTestUser(env.db, 'staff');
    return {
      token: await signIn(env.apiUrl, user.username, user.password),
      actor: { userId: user.id, role: user.role },
    };
  });
  const tally = new Map<string, { done: number; ms: number }>();
  const opened: string[] = [];
  const retriesBefore = decisionRetries.count;
  const runSide = async (side: 'api' | 'raw', inFlight: number): Promise<void> => {
    const projects = await mapLimit(Array.from({ length: inFlight }), 8, () =>
      rawStart(env, benchApplication()),
    );
    opened.push(...projects);
    await readModelRows(env, projects);
    const send = side === 'api' ? apiDecide : rawDecide;
    const accept: Decision = { type: 'screenApplication', outcome: 'accept' };
    // Past screening, so the project is open and takes notes (and the first decision's
    // one-off costs stay out of the measurement).
    await mapLimit(projects, 8, (projectId) => rawDecide(env, env.staff, projectId, accept));
    const { ms } = await timed(() =>
      Promise.all(
        projects.map(async (projectId, lane) => {
          for (let i = 0; i < PER_PERSON; i++) {
            await send(env, people[lane], projectId, {
              type: 'addNote',
              comment: `Bench note ${i} from person ${lane}.`,
            });
          }
        }),
      ),
    );
    const key = `${side}-${inFlight}`;
    const entry = tally.get(key) ?? { done: 0, ms: 0 };
    entry.done += inFlight * PER_PERSON;
    entry.ms += ms;
    tally.set(key, entry);
  };
  try {
    for (let r = 0; r < options.rounds; r++) {
      await runSide('api', PEOPLE);
      await runSide('raw', PEOPLE);
      await runSide('api', FEW);
      await runSide('raw', FEW);
    }
  } finally {
    await terminateAll(env, opened.map(projectWorkflowId));
  }
  const rate = (key: string): number => {
    const entry = tally.get(key) ?? { done: 0, ms: 1 };
    return (entry.done / entry.ms) * 1000;
  };
  const retries = decisionRetries.count - retriesBefore;
  log(
    `P9 decisions/s: api ${round(rate(`api-${PEOPLE}`))} at ${PEOPLE}, ${round(rate(`api-${FEW}`))} at ${FEW}; raw ${round(rate(`raw-${PEOPLE}`))} at ${PEOPLE}, ${round(rate(`raw-${FEW}`))} at ${FEW}; ${retries} API 503s sent again`,
  );
  const row = (
    id: string,
    what: string,
    ours: number,
    baseline: number,
    atLeast?: number,
  ): Figure => {
    const ratio = ours / baseline;
    return {
      id,
      what,
      unit: 'decisions/s',
      ours: round(ours),
      baseline: round(baseline),
      ratio: round(ratio, 3),
      ...(atLeast === undefined ? {} : { goal: `>= ${atLeast.toFixed(2)}`, met: ratio >= atLeast }),
    };
  };
  return [
    row(
      'P9',
      `${PEOPLE} people deciding at once on ${PEOPLE} projects (POST notes vs executeUpdate)`,
      rate(`api-${PEOPLE}`),
      rate(`raw-${PEOPLE}`),
      0.85,
    ),
    row(
      'P9 scale',
      `API decisions/s at ${PEOPLE} in flight vs at ${FEW}`,
      rate(`api-${PEOPLE}`),
      rate(`api-${FEW}`),
      4,
    ),
    row(
      'P9 raw scale',
      `raw executeUpdate decisions/s at ${PEOPLE} in flight vs at ${FEW} (no goal)`,
      rate(`raw-${PEOPLE}`),
      rate(`raw-${FEW}`),
    ),
  ];
}
