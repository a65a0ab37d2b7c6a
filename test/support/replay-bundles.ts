import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import {
  quietBundlerLogger,
  workflowBundleOptions,
} from '../../infra/build/workflow-bundle.options';
import { uniqueSuffix } from './fixtures';
import { testWorkflowBundle } from './test-worker';

/**
 * The current workflow bundle written to a file, for WORKFLOW_BUNDLE_PATH: the API's replay
 * check then replays against the code under test rather than a possibly stale dist/ build.
 */
export async function currentWorkflowBundleFile(): Promise<string> {
  const file = join(tmpdir(), `incubation-workflow-bundle-${uniqueSuffix()}.js`);
  writeFileSync(file, (await testWorkflowBundle()).code);
  return file;
}

/** The deliberately changed workflow of the replay guard (a timer before the real code). */
export function alteredWorkflowBundle(): Promise<{ code: string }> {
  return bundleWorkflowCode({
    ...workflowBundleOptions(join(__dirname, '../replay/altered-workflow/index.ts')),
    logger: quietBundlerLogger,
  });
}

export interface ReplayBundles {
  /** The workflow code under test. */
  current: { code: string };
  /** The deliberately changed workflow every recorded history diverges from. */
  altered: { code: string };
}

/** Both bundles, built once in the calling suite's beforeAll (read them inside the tests). */
export function replayBundlesBeforeAll(): ReplayBundles {
  const bundles = {} as ReplayBundles;
  beforeAll(async () => {
    [bundles.current, bundles.altered] = await Promise.all([
      testWorkflowBundle(),
      alteredWorkflowBundle(),
    ]);
  }, 60_000);
  return bundles;
}
