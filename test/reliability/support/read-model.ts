import { setTimeout as sleep } from 'node:timers/promises';
import { projectWorkflowId, stateQuery } from '@app/workflows/public-api';
import type { ReliabilityRig } from './rig';

/**
 * Waits until the read model holds what every running workflow of `projectIds` holds (its row
 * at the workflow's version), at most `timeoutMs` in all: recording activities retry with a
 * growing back-off after an outage. Answers the projects still behind when the time ran out.
 */
export async function readModelLagging(
  rig: ReliabilityRig,
  projectIds: string[],
  timeoutMs: number,
): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  const lagging: string[] = [];
  for (const projectId of projectIds) {
    const handle = rig.client.workflow.getHandle(projectWorkflowId(projectId));
    for (;;) {
      const description = await handle.describe();
      if (description.status.name !== 'RUNNING') break;
      const view = await handle.query(stateQuery);
      const row = await rig.db.query<{ version: number }>(
        'SELECT version FROM projects WHERE id = $1',
        [projectId],
      );
      if ((row.rows[0]?.version ?? -1) >= view.state.version) break;
      if (Date.now() > deadline) {
        lagging.push(projectId);
        break;
      }
      await sleep(300);
    }
  }
  return lagging;
}

/**
 * Waits until no running workflow of `projectIds` has an activity still retrying (attempt > 1)
 * what an outage broke, at most `timeoutMs`: its back-off grows to a minute, and a decision on
 * that project can wait for it past the API's deadline. Answers the projects still retrying.
 */
export async function activitiesRetrying(
  rig: ReliabilityRig,
  projectIds: string[],
  timeoutMs: number,
): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let retrying = [...projectIds];
  for (;;) {
    const still: string[] = [];
    for (const projectId of retrying) {
      const description = await rig.client.workflow
        .getHandle(projectWorkflowId(projectId))
        .describe();
      if (description.status.name !== 'RUNNING') continue;
      if ((description.raw.pendingActivities ?? []).some((activity) => (activity.attempt ?? 1) > 1))
        still.push(projectId);
    }
    retrying = still;
    if (retrying.length === 0 || Date.now() > deadline) return retrying;
    await sleep(500);
  }
}
