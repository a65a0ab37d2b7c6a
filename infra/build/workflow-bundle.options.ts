import { join } from 'node:path';
import type { BundleOptions } from '@temporalio/worker';
import { repoRoot } from '../dev/repo-root';

/**
 * How the workflow sandbox bundle is made, shared by the build and the tests: the TypeScript
 * sources of libs/workflows, with the `@app/domain` alias resolved for webpack.
 */
export function workflowBundleOptions(
  workflowsPath = join(repoRoot(), 'libs/workflows/src/index.ts'),
): BundleOptions {
  const root = repoRoot();
  return {
    workflowsPath,
    webpackConfigHook: (config) => ({
      ...config,
      resolve: {
        ...config.resolve,
        alias: {
          ...(config.resolve?.alias as Record<string, string> | undefined),
          '@app/domain': join(root, 'libs/domain/src'),
        },
      },
    }),
  };
}
