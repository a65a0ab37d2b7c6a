import { seededRandom } from './support/pipeline-run';
import { ReliabilityRig } from './support/rig';
import { runSeed, runSize } from './support/sizes';
import { writeSummary } from './support/summary-file';
import { ScenarioTally, SummaryRow, summaryRow } from './support/tally';
import { apiCrash, apiDiesAfterClaim } from './scenarios/api-crash';
import { duplicates } from './scenarios/duplicates';
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
  const size = runSize();
  const seed = runSeed();
  const random = seededRandom(seed);
  const rows: SummaryRow[] = [];
  let rig: ReliabilityRig;

  beforeAll(async () => {
    rig = await ReliabilityRig.start();
  }, 120_000);

  afterAll(async () => {
    const table = writeSummary('summary', { size: size.name, seed }, rows);
    console.log(`reliability summary (size ${size.name}, seed ${seed}):\n${table}`);
    await rig?.close();
  }, 120_000);

  function expectClean(tally: ScenarioTally): void {
    const row = summaryRow(tally);
    rows.push(row);
    expect({
      lost: row.lost,
      appliedTwice: row.appliedTwice,
      serverErrorsOutsideFaults: row.serverErrorsOutsideFaults,
      leaks: row.leaks,
      problems: row.problems,
    }).toEqual({ lost: 0, appliedTwice: 0, serverErrorsOutsideFaults: 0, leaks: 0, problems: [] });
  }

  it('worker crash: kill -9 twice mid-pipeline, every project finishes, every decision once', async () => {
    expectClean(await workerCrash(rig, size, random));
  }, 600_000);

  it('duplicates: every decision type ×10 and every start ×10 at once, one effect each', async () => {
    expectClean(await duplicates(rig));
  }, 300_000);

  it('API crash: kill -9 with starts and decisions in flight, clients retry, counts hold', async () => {
    expectClean(await apiCrash(rig, size, random));
  }, 600_000);

  it('API dies between the claim and the start: each start still ends as one project', async () => {
    expectClean(await apiDiesAfterClaim(rig));
  }, 300_000);

  it('Temporal hangs then restarts: 503 within the deadline, retries land once, one project per start', async () => {
    expectClean(await temporalRestart(rig, size, random));
  }, 600_000);

  it('PostgreSQL outage: reads 503, activities retry, the read model catches up, one Message-ID per email', async () => {
    expectClean(await postgresOutageScenario(rig, size, random));
  }, 600_000);
});
