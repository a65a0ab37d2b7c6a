import { randomUUID } from 'node:crypto';
import type { WorkflowStartOptions } from '@temporalio/client';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import { Actor, Application, DEFAULT_POLICY, Policy } from '@app/domain';
import {
  CollegeKey,
  IncubationStageKey,
  projectWorkflow,
  projectWorkflowId,
} from '@app/workflows/public-api';

export const STAFF: Actor = { userId: 'staff-1', role: 'staff' };
export const STAFF_2: Actor = { userId: 'staff-2', role: 'staff' };
export const REVIEWER: Actor = { userId: 'reviewer-1', role: 'reviewer' };
export const MENTOR_A: Actor = { userId: 'mentor-user-a', role: 'mentor', mentorId: 'mentor-a' };
export const MENTOR_B: Actor = { userId: 'mentor-user-b', role: 'mentor', mentorId: 'mentor-b' };

export function uniqueSuffix(): string {
  return randomUUID().slice(0, 8);
}

/** A valid application; the suffix keeps titles and colleges unique per test. */
export function sampleApplication(suffix: string): Application {
  return {
    title: `智能农业传感器 ${suffix}`,
    summary: 'Low-cost soil sensors from the agricultural engineering lab.',
    fieldTags: ['agritech', 'iot'],
    college: `College of Engineering ${suffix}`,
    partyBranch: 'Engineering Graduate Party Branch',
    teamMembers: [
      {
        name: '张伟',
        memberId: 'S2024001',
        role: 'lead',
        degree: 'phd',
        partyMember: true,
        affiliation: 'Sensor Lab',
      },
      { name: '刘洋', memberId: 'S2024002', role: 'member', degree: 'master', partyMember: false },
    ],
    technologyReadinessLevel: 4,
    ipAssets: [{ patentNumber: 'CN202410000002.3', title: 'Soil moisture probe', status: 'filed' }],
    fundingRequestedFen: 50_000_000,
  };
}

export function startProjectOptions(
  taskQueue: string,
  application: Application,
  policy: Policy = DEFAULT_POLICY,
): { projectId: string; options: WorkflowStartOptions<typeof projectWorkflow> } {
  const projectId = randomUUID();
  return {
    projectId,
    options: {
      workflowId: projectWorkflowId(projectId),
      taskQueue,
      args: [{ projectId, application, policy, submittedBy: STAFF }],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
      typedSearchAttributes: [
        { key: IncubationStageKey, value: 'APPLICATION' },
        { key: CollegeKey, value: application.college },
      ],
    },
  };
}
