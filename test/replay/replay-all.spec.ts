import { countReplays } from '../../apps/api/src/project-history/every-history';
import { ReplayItem, replayAll } from '../../apps/api/src/project-history/replay-pool';
import { loadHistoryFixtures } from '../support/history-fixtures';
import { replayBundlesBeforeAll } from '../support/replay-bundles';

const fixtures = loadHistoryFixtures();
const bundles = replayBundlesBeforeAll();

/** Every fixture as if it were an archived run, each twice (as two projects). */
function items(): ReplayItem[] {
  return [...fixtures, ...fixtures].map((fixture, i) => ({
    workflowId: `project-${fixture.name}-${i}`,
    runId: `run-${i}`,
    source: i % 2 === 0 ? 'archive' : 'temporal',
    history: fixture.history,
  }));
}

/** `npm run replay -- --all`'s engine: every history on one replay worker per lane. */
describe('replaying every history on parallel replay workers', () => {
  it('finds every recorded history consistent with the current code, on two lanes', async () => {
    const all = items();
    const results = await replayAll(bundles.current, all, { lanes: 2 });
    expect(results.map((result) => result.runId).sort()).toEqual(
      all.map((item) => item.runId).sort(),
    );
    expect(results.filter((result) => !result.consistent)).toEqual([]);
    const counts = countReplays(results);
    expect(counts).toEqual({
      checked: all.length,
      consistent: all.length,
      diverging: 0,
      projects: all.length,
      bySource: {
        archive: { consistent: fixtures.length, diverging: 0 },
        temporal: { consistent: fixtures.length, diverging: 0 },
      },
    });
  }, 120_000);

  it('reports every one of them diverging from the altered workflow, naming the error', async () => {
    const all = items();
    const seen: string[] = [];
    const results = await replayAll(bundles.altered, all, {
      lanes: 2,
      onResult: (result) => seen.push(result.runId),
    });
    expect(seen.sort()).toEqual(all.map((item) => item.runId).sort());
    expect(results.every((result) => !result.consistent)).toBe(true);
    expect(results.map((result) => result.divergence?.error)).toEqual(
      all.map(() => 'DeterminismViolationError'),
    );
    expect(countReplays(results).diverging).toBe(all.length);
  }, 120_000);

  it('reads histories from an async source, and an empty one checks nothing', async () => {
    async function* source(): AsyncGenerator<ReplayItem> {
      for (const item of items().slice(0, 3)) yield await Promise.resolve(item);
    }
    expect((await replayAll(bundles.current, source(), { lanes: 2 })).length).toBe(3);
    expect(await replayAll(bundles.current, [], { lanes: 2 })).toEqual([]);
  }, 60_000);
});
