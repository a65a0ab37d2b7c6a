import { seededRandom } from './support/pipeline-run';
import { PATIENT } from './support/retrying-client';
import { ReliabilityRig } from './support/rig';
import { runSeed, runSize } from './support/sizes';
import { writeSummary } from './support/summary-file';
import { ScenarioTally, SummaryRow, summaryRow } from './support/tally';
import { duplicates } from './scenarios/duplicates';
import { temporalRestart } from './scenarios/temporal-restart';
import { apiDiesAfterClaim } from './scenarios/api-crash';
import { claimReleasedOnError } from './seams/claim-released-on-error';
import { deduplicationOff } from './seams/deduplication-off';

/**
 * The scenarios are known to bite: each run here takes one protection away (through a
 * test-only seam) and the scenario must then report the loss or the double that protection
 * prevents. Written to .data/reliability/bites.{json,md}.
 */
describe('reliability bites: without its protection, a scenario reports the loss or the double', () => {
  const size = runSize();
  const seed = runSeed();
  const random = seededRandom(seed);
  const rows: SummaryRow[] = [];
  let rig: ReliabilityRig;

  beforeAll(async () => {
    rig = await ReliabilityRig.start();
  }, 120_000);

  afterAll(async () => {
    const table = writeSummary('bites', { size: size.name, seed }, rows);
    console.log(`reliability bites (seed ${seed}):\n${table}`);
    await rig?.close();
  }, 120_000);

  const keep = (tally: ScenarioTally): SummaryRow => {
    const row = summaryRow(tally);
    rows.push(row);
    return row;
  };

  it('duplicates with decision de-duplication off: copies are applied more than once', async () => {
    const row = keep(
      await duplicates(rig, {
        scenario: 'bite: duplicates, de-duplication off',
        customise: deduplicationOff,
      }),
    );
    expect(row.appliedTwice).toBeGreaterThan(0);
  }, 300_000);

  it('Temporal hang with the start claim released on any error: a start becomes two projects', async () => {
    const row = keep(
      await temporalRestart(rig, size, random, {
        scenario: 'bite: Temporal hang, claim released on error',
        customise: claimReleasedOnError,
      }),
    );
    expect(row.appliedTwice).toBeGreaterThan(0);
  }, 600_000);

  it('API dying after the claim, with clients that give up and no reconciler: starts are lost', async () => {
    const row = keep(
      await apiDiesAfterClaim(rig, {
        scenario: 'bite: API dies after the claim, no retry, no reconciler',
        policy: { ...PATIENT, retry: false },
        workerEnv: { SUBMISSION_RECONCILE_INTERVAL_MS: '86400000' },
      }),
    );
    expect(row.lost).toBeGreaterThan(0);
  }, 300_000);
});
