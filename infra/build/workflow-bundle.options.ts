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
    // Failure messages travel as encoded attributes, so the payload codec encrypts them too.
    failureConverterPath: join(root, 'libs/workflows/src/failure-converter.ts'),
    // The domain library (with its hashing and canonical-JSON dependencies) is pure and keeps no
    // state, so it is evaluated once in the worker's shared V8 context and deep-frozen, rather
    // than once per cached workflow: that copy per run was most of a cached project's memory.
    preloadModules: ['@app/domain'],
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

/** Webpack's statistics are noise in build and test logs; warnings and errors are not. */
export const quietBundlerLogger = {
  log: (): void => undefined,
  trace: (): void => undefined,
  debug: (): void => undefined,
  info: (): void => undefined,
  warn: (message: string): void => console.warn(message),
  error: (message: string): void => console.error(message),
};
