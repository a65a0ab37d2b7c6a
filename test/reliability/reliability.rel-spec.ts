import { fuzzTimeout, reliabilitySuite } from './support/suite';
import type { ScenarioTally } from './support/tally';
import { access } from './scenarios/access';
import { apiCrash, apiDiesAfterClaim } from './scenarios/api-crash';
import { duplicates } from './scenarios/duplicates';
import { fuzzUnderFaults } from './scenarios/fuzz-under-faults';
import { poison } from './scenarios/poison';
import { postgresOutageScenario } from './scenarios/postgres-outage';
import { temporalRestart } from './scenarios/temporal-restart';
import { workerCrash } from './scenarios/worker-crash';

/**
 * The reliability suite (`npm run test:reliability`): each scenario is steady state, fault,
 * verify, on servers of its own; the summary table is printed and written to
 * .data/reliability/summary.{json,md}. RELIABILITY_SIZE=full for the sizes,
 * RELIABILITY_SEED to repeat a run's random moments.
 */
describe('reliability: whatever fails, nothing accepted is lost or applied twice', () => {
  const suite = reliabilitySuite('summary', 'reliability summary');
  const { size, random } = suite;

  function expectClean(tally: ScenarioTally): void {
    const row = suite.keep(tally);
    expect({
      lost: row.lost,
      appliedTwice: row.appliedTwice,
      serverErrorsOutsideFaults: row.serverErrorsOutsideFaults,
      leaks: row.leaks,
      acceptedBad: row.acceptedBad,
      problems: row.problems,
    }).toEqual({
      lost: 0,
      appliedTwice: 0,
      serverErrorsOutsideFaults: 0,
      leaks: 0,
      acceptedBad: 0,
      problems: [],
    });
  }

  it('worker crash: kill -9 twice mid-pipeline, every project finishes, every decision once', async () => {
    expectClean(await workerCrash(suite.rig(), size, random));
  }, 600_000);

  it('duplicates: every decision type ×10 and every start ×10 at once, one effect each', async () => {
    expectClean(await duplicates(suite.rig()));
  }, 300_000);

  it('API crash: kill -9 with starts and decisions in flight, clients retry, counts hold', async () => {
    expectClean(await apiCrash(suite.rig(), size, random));
  }, 600_000);

  it('API dies between the claim and the start: each start still ends as one project', async () => {
    expectClean(await apiDiesAfterClaim(suite.rig()));
  }, 300_000);

  it('Temporal hangs then restarts: 503 within the deadline, retries land once, one project per start', async () => {
    expectClean(await temporalRestart(suite.rig(), size, random));
  }, 600_000);

  it('PostgreSQL outage: reads 503, activities retry, the read model catches up, one Message-ID per email', async () => {
    expectClean(await postgresOutageScenario(suite.rig(), size, random));
  }, 600_000);

  it('access: every route × role × project as the table says, bad tokens 401, a replaced mentor out at once, no other mentor in a mentor’s answers', async () => {
    expectClean(await access(suite.rig()));
  }, 300_000);

  it('poison inputs: every string field refuses what cannot be stored, keeps odd text exactly, the project stays decidable', async () => {
    expectClean(await poison(suite.rig(), size));
  }, 600_000);

  // Last: the admin's fuzzing changes users and mentors at will, on the rig the others share.
  it(
    'fuzzing under faults: schemathesis, every role, stateful, while the worker is killed and PostgreSQL is down; no 5xx outside the faults, no bad input accepted',
    async () => {
      expectClean(await fuzzUnderFaults(suite.rig(), size, random));
    },
    fuzzTimeout(size),
  );
});
