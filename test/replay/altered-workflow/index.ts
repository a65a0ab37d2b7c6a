import { sleep } from '@temporalio/workflow';
import { projectWorkflow as currentProjectWorkflow } from '../../../libs/workflows/src/project.workflow';

/**
 * A deliberately incompatible change: a timer before the real workflow. Replaying any recorded
 * history against this must report nondeterminism, proving the replay guard can fail.
 */
export async function projectWorkflow(
  ...args: Parameters<typeof currentProjectWorkflow>
): ReturnType<typeof currentProjectWorkflow> {
  await sleep('1 second');
  return currentProjectWorkflow(...args);
}
