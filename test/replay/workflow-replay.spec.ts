import { join } from 'node:path';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import {
  quietBundlerLogger,
  workflowBundleOptions,
} from '../../infra/build/workflow-bundle.options';
import { loadHistoryFixtures } from '../support/history-fixtures';

/**
 * The replay guard: every committed history replays against the current workflow code, with no
 * server. A workflow change that would break running projects fails here.
 */
describe('replay of recorded project histories', () => {
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

  it('has recorded histories to replay', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(5);
  });

  it.each(fixtures.map((fixture) => [fixture.name, fixture]))(
    'replays %s against the current workflow code',
    async (_name, fixture) => {
      await expect(
        Worker.runReplayHistory({ workflowBundle: current }, fixture.history),
      ).resolves.toBeUndefined();
    },
    30_000,
  );

  it('reports nondeterminism against a deliberately altered workflow', async () => {
    const happyPath = fixtures.find((fixture) => fixture.name === 'happy-path');
    expect(happyPath).toBeDefined();
    await expect(
      Worker.runReplayHistory({ workflowBundle: altered }, happyPath!.history),
    ).rejects.toMatchObject({ name: 'DeterminismViolationError' });
  }, 30_000);
});
