import { randomUUID } from 'node:crypto';
import type { WorkflowStartOptions } from '@temporalio/client';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import { Actor, Application, DEFAULT_POLICY, Policy } from '@app/domain';
import { validApplication } from '@app/domain/testing/domain.fixtures';
import {
  CollegeKey,
  IncubationStageKey,
  projectWorkflow,
  projectWorkflowId,
} from '@app/workflows/public-api';

import { d as domainDecisions } from '@app/domain/testing/domain.fixtures';
import { TEST_MENTORS } from './test-mentors';

export { reviewer, staff, staff2, VALID_USCC } from '@app/domain/testing/domain.fixtures';
export { MENTOR_A as mentorA, MENTOR_B as mentorB, TEST_MENTORS } from './test-mentors';

/** The domain's sample decisions, assigning the test mentors that exist in the database. */
export const d = {
  ...domainDecisions,
  assign: (mentorId: string = TEST_MENTORS.a.id) => domainDecisions.assign(mentorId),
};

export function uniqueSuffix(): string {
  return randomUUID().slice(0, 8);
}

/** A valid application; the suffix keeps titles and colleges unique per test. */
export function sampleApplication(
  suffix: string,
  overrides: Partial<Application> = {},
): Application {
  return validApplication({
    title: `智能农业传感器 ${suffix}`,
    college: `College of Engineering ${suffix}`,
    ...overrides,
  });
}

export function startProjectOptions(
  taskQueue: string,
  application: Application,
  policy: Policy = DEFAULT_POLICY,
  submittedBy: Actor = { userId: 'u-staff-1', role: 'staff' },
): { projectId: string; options: WorkflowStartOptions<typeof projectWorkflow> } {
  const projectId = randomUUID();
  return {
    projectId,
    options: {
      workflowId: projectWorkflowId(projectId),
      taskQueue,
      args: [{ projectId, application, policy, submittedBy }],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
      typedSearchAttributes: [
        { key: IncubationStageKey, value: 'APPLICATION' },
        { key: CollegeKey, value: application.college },
      ],
    },
  };
}
