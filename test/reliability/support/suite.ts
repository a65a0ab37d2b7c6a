import { seededRandom } from './pipeline-run';
import { ReliabilityRig } from './rig';
import { RunSize, runSeed, runSize } from './sizes';
import { writeSummary } from './summary-file';
import { ScenarioTally, SummaryRow, summaryRow } from './tally';

/** The fuzzing scenario's bound: a few minutes small, the full run's half hour and more. */
export function fuzzTimeout(size: RunSize): number {
  return size.name === 'full' ? 3_600_000 : 900_000;
}

export interface ReliabilitySuite {
  size: RunSize;
  random: () => number;
  /** The suite's servers, once beforeAll has started them. */
  rig(): ReliabilityRig;
  /** Puts a scenario's row in the suite's table and answers it. */
  keep(tally: ScenarioTally): SummaryRow;
}

/**
 * The set-up both reliability specs share: the run's size and seed, a rig started before the
 * scenarios and closed after them, and the rows written to .data/reliability/<file>.{json,md}
 * and printed under `heading`. Call it inside the spec's describe.
 */
export function reliabilitySuite(file: 'summary' | 'bites', heading: string): ReliabilitySuite {
  const size = runSize();
  const seed = runSeed();
  const rows: SummaryRow[] = [];
  let rig: ReliabilityRig | undefined;

  beforeAll(async () => {
    rig = await ReliabilityRig.start();
  }, 120_000);

  afterAll(async () => {
    const table = writeSummary(file, { size: size.name, seed }, rows);
    console.log(`${heading} (size ${size.name}, seed ${seed}):\n${table}`);
    await rig?.close();
  }, 120_000);

  return {
    size,
    random: seededRandom(seed),
    rig: () => {
      if (!rig) throw new Error('the reliability rig did not start');
      return rig;
    },
    keep: (tally) => {
      const row = summaryRow(tally);
      rows.push(row);
      return row;
    },
  };
}
