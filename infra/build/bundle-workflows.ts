import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { loadConfig } from '@app/config';
import { repoRoot } from '../dev/repo-root';
import { quietBundlerLogger, workflowBundleOptions } from './workflow-bundle.options';

/** Build step: bundles the workflow code once; a bundling error fails the build. */
async function main(): Promise<void> {
  const target = resolve(repoRoot(), loadConfig().WORKFLOW_BUNDLE_PATH);
  const { code } = await bundleWorkflowCode({
    ...workflowBundleOptions(),
    logger: quietBundlerLogger,
  });
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, code);
  console.log(`workflow bundle written to ${target} (${Math.round(code.length / 1024)} KiB)`);
}

main().catch((error: unknown) => {
  console.error('bundling the workflow code failed:', error);
  process.exit(1);
});
