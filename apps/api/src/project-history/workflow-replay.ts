import { existsSync, readFileSync } from 'node:fs';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { History } from './project-runs.service';
import {
  quietBundlerLogger,
  workflowBundleOptions,
} from '../../../../infra/build/workflow-bundle.options';

export interface RunReplay {
  runId: string;
  consistent: boolean;
  /** Where and how the code diverges from the history (the SDK's error), when it does. */
  divergence: { error: string; message: string } | null;
}

export interface ReplayReport {
  consistent: boolean;
  runs: RunReplay[];
}

export type WorkflowBundle = { code: string };

/**
 * The workflow code to replay against: the bundle `npm run build` made for the worker (so the
 * check is against what runs), or, when there is none (a dev server), one bundled from source.
 */
export async function loadWorkflowBundle(bundlePath: string): Promise<WorkflowBundle> {
  if (existsSync(bundlePath)) return { code: readFileSync(bundlePath, 'utf8') };
  return bundleWorkflowCode({ ...workflowBundleOptions(), logger: quietBundlerLogger });
}

/** Bundles another workflows file (e.g. a deliberately changed workflow) from source. */
export function bundleWorkflowsFrom(workflowsPath: string): Promise<WorkflowBundle> {
  return bundleWorkflowCode({
    ...workflowBundleOptions(workflowsPath),
    logger: quietBundlerLogger,
  });
}

/**
 * Replays each run's history against `bundle`, with no server: a run is consistent when the
 * code makes the same commands the history recorded; otherwise the SDK's nondeterminism error
 * says at which event it diverged.
 */
/**
 * Replay workers log each state change at INFO; a replay check is not worth those lines. The
 * Runtime is process-wide and installed once: a process that made its own keeps it.
 */
function quietRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Already installed (by this process's own choice): keep it.
  }
}

export async function replayRuns(
  bundle: WorkflowBundle,
  workflowId: string,
  runs: { runId: string; history: History }[],
): Promise<ReplayReport> {
  quietRuntime();
  const results: RunReplay[] = [];
  const replays = Worker.runReplayHistories(
    { workflowBundle: bundle, replayName: `replay-check-${workflowId}` },
    runs.map((run) => ({ workflowId, history: run.history })),
  );
  let index = 0;
  for await (const result of replays) {
    const error = result.error;
    results.push({
      runId: runs[index]?.runId ?? result.runId,
      consistent: !error,
      divergence: error ? { error: error.name, message: error.message } : null,
    });
    index += 1;
  }
  return { consistent: results.every((run) => run.consistent), runs: results };
}

/**
 * The histories in a downloaded file: one history (SDK JSON, `{ "events": [...] }`) or the
 * project download of GET /projects/:id/history (`{ "workflowId", "runs": [{ runId, history }] }`).
 */
export function historiesInFile(text: string): {
  workflowId: string;
  runs: { runId: string; history: History }[];
} {
  const parsed = JSON.parse(text) as {
    events?: unknown[];
    workflowId?: string;
    runs?: { runId: string; history: unknown }[];
  };
  if (Array.isArray(parsed.events)) {
    return {
      workflowId: 'replayed-workflow',
      runs: [{ runId: 'history', history: historyFromJSON(parsed) }],
    };
  }
  if (Array.isArray(parsed.runs)) {
    return {
      workflowId: parsed.workflowId ?? 'replayed-workflow',
      runs: parsed.runs.map((run) => ({ runId: run.runId, history: historyFromJSON(run.history) })),
    };
  }
  throw new Error('not a workflow history: expected { "events": [...] } or { "runs": [...] }');
}
