import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { warmReplayer } from '../../apps/api/src/project-history/workflow-replay';
import {
  quietBundlerLogger,
  workflowBundleOptions,
} from '../../infra/build/workflow-bundle.options';
import { loadHistoryFixtures } from '../support/history-fixtures';

/** The replay worker GET /projects/:id/replay-check keeps warm between checks. */
describe('a warm replayer', () => {
  const fixtures = loadHistoryFixtures();
  let current: { code: string };
  let altered: { code: string };

  beforeAll(async () => {
    current = await bundleWorkflowCode({ ...workflowBundleOptions(), logger: quietBundlerLogger });
    altered = await bundleWorkflowCode({
      ...workflowBundleOptions(join(__dirname, 'altered-workflow/index.ts')),
      logger: quietBundlerLogger,
    });
  }, 60_000);

  it('replays every recorded history, each twice, through one worker, answering each in turn', async () => {
    const replayer = warmReplayer(() => Promise.resolve(current));
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
    const replayer = warmReplayer(() => Promise.resolve(altered));
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
      return Promise.resolve(current);
    }, 50);
    const history = fixtures[0].history;
    try {
      expect((await replayer.replay('idle-1', history)).error).toBeUndefined();
      expect((await replayer.replay('idle-2', history)).error).toBeUndefined();
      expect(starts).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect((await replayer.replay('idle-3', history)).error).toBeUndefined();
      expect(starts).toBe(2);
    } finally {
      await replayer.close();
    }
  }, 60_000);
});
