import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import { Stage } from '@app/domain';
import type { ProjectWorkflowInput } from './project-workflow.types';
import { projectWorkflowId } from './project-workflow.types';
import { CollegeKey, IncubationStageKey } from './search-attributes';

/**
 * How a project's workflow is started, by the API and by the worker's reconciler alike: its id
 * fixed by the project, never reused (a closed project is not restarted), the first search
 * attributes set. Starting it twice is answered "already started", which both take as success.
 */
export function projectStartOptions(input: ProjectWorkflowInput, taskQueue: string) {
  return {
    workflowId: projectWorkflowId(input.projectId),
    taskQueue,
    args: [input] as [ProjectWorkflowInput],
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
    typedSearchAttributes: [
      { key: IncubationStageKey, value: Stage.APPLICATION as string },
      { key: CollegeKey, value: input.application.college },
    ],
  };
}
