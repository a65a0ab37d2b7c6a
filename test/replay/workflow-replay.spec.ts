import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from '@temporalio/worker';
import { warmReplayer } from '../../apps/api/src/project-history/workflow-replay';
import { PATCHES } from '../../libs/workflows/src/matching-and-deadline.patches';
import { scheduledActivities, localActivityMarkers, patchesOf } from '../support/history-events';
import { loadHistoryFixtures } from '../support/history-fixtures';
import { replayBundlesBeforeAll } from '../support/replay-bundles';

const fixtures = loadHistoryFixtures();
const bundles = replayBundlesBeforeAll();

/**
 * The replay guard: every committed history replays against the current workflow code, with no
 * server. A workflow change that would break running projects fails here.
 */
describe('replay of recorded project histories', () => {
  it('has recorded histories to replay', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(5);
  });

  it('has histories of both ways a decision is recorded, so both replay', () => {
    const byPath = (recordedLocally: boolean) =>
      fixtures
        .filter(
          ({ history }) =>
            patchesOf(history).has(PATCHES.recordDecisionsAsLocalActivity) === recordedLocally,
        )
        .map(({ name }) => name);
    // Recorded by test/integration/decision-recording.int-spec.ts (and the happy path).
    expect(byPath(true)).toEqual(
      expect.arrayContaining([
        'decisions-recorded-in-workflow-task',
        'decision-recorded-by-activity-after-local-attempts',
      ]),
    );
    expect(byPath(false)).toContain('happy-path');
    const fallback = fixtures.find(
      ({ name }) => name === 'decision-recorded-by-activity-after-local-attempts',
    )!;
    const events = fallback.history.events ?? [];
    expect(localActivityMarkers(events).length).toBeGreaterThan(0);
    expect(scheduledActivities(events)).toContain('recordTransition');
  });

  it.each(fixtures.map((fixture) => [fixture.name, fixture]))(
    'replays %s against the current workflow code',
    async (_name, fixture) => {
      await expect(
        Worker.runReplayHistory({ workflowBundle: bundles.current }, fixture.history),
      ).resolves.toBeUndefined();
    },
    30_000,
  );

  it('reports nondeterminism against a deliberately altered workflow', async () => {
    const happyPath = fixtures.find((fixture) => fixture.name === 'happy-path');
    expect(happyPath).toBeDefined();
    await expect(
      Worker.runReplayHistory({ workflowBundle: bundles.altered }, happyPath!.history),
    ).rejects.toMatchObject({ name: 'DeterminismViolationError' });
  }, 30_000);
});

/** The replay worker GET /projects/:id/replay-check keeps warm between checks. */
describe('a warm replayer', () => {
  it('replays every recorded history, each twice, through one worker, answering each in turn', async () => {
    const replayer = warmReplayer(() => Promise.resolve(bundles.current));
    try {
      const twice = [...fixtures, ...fixtures].map((fixture, i) => ({
        workflowId: `${fixture.name}-${i}`,
        history: fixture.history,
      }));
      // Sent at once: the queue keeps them in order and gives each its own result.
      const results = await Promise.all(
        twice.map(({ workflowId, history }) => replayer.replay(workflowId, history)),
      );
      expect(results.map((result) => [result.workflowId, result.error])).toEqual(
        twice.map(({ workflowId }) => [workflowId, undefined]),
      );
    } finally {
      await replayer.close();
    }
  }, 60_000);

  it('reports a divergence as a result and goes on replaying', async () => {
    const replayer = warmReplayer(() => Promise.resolve(bundles.altered));
    const happyPath = fixtures.find((fixture) => fixture.name === 'happy-path')!;
    try {
      const first = await replayer.replay('altered-1', happyPath.history);
      const second = await replayer.replay('altered-2', happyPath.history);
      expect(first.error).toMatchObject({ name: 'DeterminismViolationError' });
      expect(second.error).toMatchObject({ name: 'DeterminismViolationError' });
    } finally {
      await replayer.close();
    }
  }, 60_000);

  it('stops when idle and starts again on the next replay', async () => {
    let starts = 0;
    const replayer = warmReplayer(() => {
      starts += 1;
      return Promise.resolve(bundles.current);
    }, 50);
    const history = fixtures[0].history;
    try {
      expect((await replayer.replay('idle-1', history)).error).toBeUndefined();
      expect((await replayer.replay('idle-2', history)).error).toBeUndefined();
      expect(starts).toBe(1);
      await sleep(500);
      expect((await replayer.replay('idle-3', history)).error).toBeUndefined();
      expect(starts).toBe(2);
    } finally {
      await replayer.close();
    }
  }, 60_000);
});
