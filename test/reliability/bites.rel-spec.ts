import { PATIENT } from './support/retrying-client';
import { startWrongStatusProxy } from '../../infra/fuzz/wrong-status-proxy';
import { fuzzTimeout, reliabilitySuite } from './support/suite';
import { access } from './scenarios/access';
import { duplicates } from './scenarios/duplicates';
import { fuzzUnderFaults } from './scenarios/fuzz-under-faults';
import { temporalRestart } from './scenarios/temporal-restart';
import { apiDiesAfterClaim } from './scenarios/api-crash';
import { assignmentUnchecked } from './seams/assignment-unchecked';
import { claimReleasedOnError } from './seams/claim-released-on-error';
import { deduplicationOff } from './seams/deduplication-off';

/**
 * The scenarios are known to bite: each run here takes one protection away (through a
 * test-only seam) and the scenario must then report the loss or the double that protection
 * prevents. Written to .data/reliability/bites.{json,md}.
 */
describe('reliability bites: without its protection, a scenario reports the loss or the double', () => {
  const suite = reliabilitySuite('bites', 'reliability bites');
  const { size, random, keep } = suite;

  it('duplicates with decision de-duplication off: copies are applied more than once', async () => {
    const row = keep(
      await duplicates(suite.rig(), {
        scenario: 'bite: duplicates, de-duplication off',
        customise: deduplicationOff,
      }),
    );
    expect(row.appliedTwice).toBeGreaterThan(0);
  }, 300_000);

  it('Temporal hang with the start claim released on any error: a start becomes two projects', async () => {
    const row = keep(
      await temporalRestart(suite.rig(), size, random, {
        scenario: 'bite: Temporal hang, claim released on error',
        customise: claimReleasedOnError,
      }),
    );
    expect(row.appliedTwice).toBeGreaterThan(0);
  }, 600_000);

  it('API dying after the claim, with clients that give up and no reconciler: starts are lost', async () => {
    const row = keep(
      await apiDiesAfterClaim(suite.rig(), {
        scenario: 'bite: API dies after the claim, no retry, no reconciler',
        policy: { ...PATIENT, retry: false },
        workerEnv: { SUBMISSION_RECONCILE_INTERVAL_MS: '86400000' },
      }),
    );
    expect(row.lost).toBeGreaterThan(0);
  }, 300_000);

  it('access with the assigned-mentor check left out: a proposed mentor reads documents and timelines', async () => {
    const row = keep(
      await access(suite.rig(), {
        scenario: 'bite: access, assigned-mentor check left out',
        customise: assignmentUnchecked,
        matrixOnly: true,
      }),
    );
    expect(row.leaks).toBeGreaterThan(0);
  }, 300_000);

  it(
    'fuzzing under faults with GET /me answering 500 (a proxy between fuzzer and API): 5xx outside the fault windows',
    async () => {
      const row = keep(
        await fuzzUnderFaults(suite.rig(), size, random, {
          scenario: 'bite: fuzzing under faults, GET /me answers 500',
          inBetween: (apiUrl) => startWrongStatusProxy(apiUrl, 500),
        }),
      );
      expect(row.serverErrorsOutsideFaults).toBeGreaterThan(0);
    },
    fuzzTimeout(size),
  );
});
