import { availableParallelism } from 'node:os';
import type { DataConverter } from '@temporalio/common';
import type { ReplayWorkerOptions } from '@temporalio/worker';
import type { History } from './project-runs.service';
import { WarmReplayer } from './warm-replayer';
import { quietRuntime, type RunReplay, type WorkflowBundle } from './workflow-replay';

/** One history to check: which project and run it is, and where it was read from. */
export interface ReplayItem {
  workflowId: string;
  runId: string;
  source: 'archive' | 'temporal';
  history: History;
}

export interface PooledReplay extends RunReplay {
  workflowId: string;
  source: ReplayItem['source'];
}

/**
 * Replays many histories on `lanes` replay workers at once (one per core by default). The SDK's
 * replay worker replays one history at a time, and by default in the main thread (debugMode),
 * so one worker uses one core however many histories wait. Here each lane is its own warm replay
 * worker whose workflow code runs in a worker thread of its own (debugMode off), so the lanes
 * replay side by side; histories are handed to whichever lane is free.
 */
export async function replayAll(
  bundle: WorkflowBundle,
  items: AsyncIterable<ReplayItem> | Iterable<ReplayItem>,
  options: {
    lanes?: number;
    dataConverter?: DataConverter;
    onResult?: (result: PooledReplay) => void;
  } = {},
): Promise<PooledReplay[]> {
  const lanes = Math.max(1, options.lanes ?? availableParallelism());
  quietRuntime();
  const replayers = Array.from(
    { length: lanes },
    (_unused, lane) =>
      new WarmReplayer(() =>
        Promise.resolve({
          workflowBundle: bundle,
          replayName: `replay-all-${lane}`,
          dataConverter: options.dataConverter,
          // Not in ReplayWorkerOptions' type, but read by the SDK: the workflow code of this
          // lane runs in its own worker thread instead of this process's main thread.
          ...({ debugMode: false, workflowThreadPoolSize: 1 } as Partial<ReplayWorkerOptions>),
        }),
      ),
  );
  const source: AsyncIterator<ReplayItem> | Iterator<ReplayItem> =
    Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : items[Symbol.iterator]();
  const results: PooledReplay[] = [];
  try {
    await Promise.all(
      replayers.map(async (replayer) => {
        for (;;) {
          const next = await source.next();
          if (next.done) return;
          const item = next.value;
          const { error } = await replayer.replay(item.workflowId, item.history);
          const result: PooledReplay = {
            workflowId: item.workflowId,
            runId: item.runId,
            source: item.source,
            consistent: !error,
            divergence: error ? { error: error.name, message: error.message } : null,
          };
          results.push(result);
          options.onResult?.(result);
        }
      }),
    );
  } finally {
    await Promise.all(replayers.map((replayer) => replayer.close()));
  }
  return results;
}
