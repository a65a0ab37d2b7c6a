import { Client, Connection, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import { Application, DEFAULT_POLICY } from '@app/domain';
import {
  CollegeKey,
  IncubationStageKey,
  projectWorkflow,
  projectWorkflowId,
} from '@app/workflows/public-api';

export interface SeedTarget {
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
}

/** A fixed id, so running the seed again finds the project instead of creating another. */
const DEMO_PROJECT_ID = '5f0c2a52-8c1e-4c55-9a57-3d1f6f0d0001';

const DEMO_APPLICATION: Application = {
  title: '柔性钙钛矿太阳能电池中试线',
  summary: 'Pilot line for flexible perovskite solar cells developed in the materials lab.',
  fieldTags: ['new-energy', 'materials'],
  college: 'College of Materials Science',
  partyBranch: 'Materials Graduate Party Branch No. 2',
  teamMembers: [
    {
      name: '李明',
      memberId: 'S2023001',
      role: 'lead',
      degree: 'phd',
      partyMember: true,
      affiliation: 'Materials Lab',
    },
    { name: '王芳', memberId: 'S2023002', role: 'member', degree: 'master', partyMember: false },
  ],
  technologyReadinessLevel: 5,
  ipAssets: [
    { patentNumber: 'CN202310000001.X', title: 'Flexible perovskite film', status: 'granted' },
  ],
  fundingRequestedFen: 300_000_000,
};

/**
 * Demo data for a person trying the system: one real project workflow waiting for screening.
 * Running it again creates nothing twice.
 */
export async function seedDemoData(target: SeedTarget): Promise<string> {
  const connection = await Connection.connect({ address: target.temporalAddress });
  try {
    const client = new Client({ connection, namespace: target.namespace });
    try {
      await client.workflow.start(projectWorkflow, {
        workflowId: projectWorkflowId(DEMO_PROJECT_ID),
        taskQueue: target.taskQueue,
        args: [
          {
            projectId: DEMO_PROJECT_ID,
            application: DEMO_APPLICATION,
            policy: DEFAULT_POLICY,
            submittedBy: { userId: 'seed', role: 'staff' },
          },
        ],
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
        typedSearchAttributes: [
          { key: IncubationStageKey, value: 'APPLICATION' },
          { key: CollegeKey, value: DEMO_APPLICATION.college },
        ],
      });
      return `demo project started: ${projectWorkflowId(DEMO_PROJECT_ID)}`;
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) {
        return `demo project already there: ${projectWorkflowId(DEMO_PROJECT_ID)}`;
      }
      throw error;
    }
  } finally {
    await connection.close();
  }
}
