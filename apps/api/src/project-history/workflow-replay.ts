import { existsSync, readFileSync } from 'node:fs';
import type { DataConverter } from '@temporalio/common';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, DefaultLogger, Runtime } from '@temporalio/worker';
import type { History } from './project-runs.service';
import { WarmReplayer } from './warm-replayer';
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
 * Replay workers log each state change at INFO; a replay check is not worth those lines. The
 * Runtime is process-wide and installed once: a process that made its own keeps it.
 */
export function quietRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Already installed (by this process's own choice): keep it.
  }
}

/**
 * A replay worker kept warm for `bundle`, stopping after `idleMs` without replays. With the
 * deployment's data converter it replays encrypted histories too (plain ones pass through).
 */
export function warmReplayer(
  bundle: () => Promise<WorkflowBundle>,
  idleMs?: number,
  dataConverter?: DataConverter,
): WarmReplayer {
  return new WarmReplayer(async () => {
    quietRuntime();
    return { workflowBundle: await bundle(), replayName: 'replay-check', dataConverter };
  }, idleMs);
}

/**
 * Replays each run's history against the workflow code, with no server: a run is consistent
 * when the code makes the same commands the history recorded; otherwise the SDK's
 * nondeterminism error says at which event it diverged. Given a bundle rather than a warm
 * replayer, it starts a replay worker for these runs only.
 */
export async function replayRuns(
  code: WorkflowBundle | WarmReplayer,
  workflowId: string,
  runs: { runId: string; history: History }[],
  dataConverter?: DataConverter,
): Promise<ReplayReport> {
  const replayer =
    code instanceof WarmReplayer
      ? code
      : warmReplayer(() => Promise.resolve(code), undefined, dataConverter);
  try {
    const results: RunReplay[] = [];
    for (const run of runs) {
      const { error } = await replayer.replay(workflowId, run.history);
      results.push({
        runId: run.runId,
        consistent: !error,
        divergence: error ? { error: error.name, message: error.message } : null,
      });
    }
    return { consistent: results.every((run) => run.consistent), runs: results };
  } finally {
    if (replayer !== code) await replayer.close();
  }
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
