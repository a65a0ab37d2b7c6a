import { randomUUID } from 'node:crypto';
import type { ProjectSnapshot, TransitionRecord } from '@app/workflows/public-api';
import { ProjectRecordsActivities } from '../../apps/worker/src/activities/project-records.activities';
import { eventually } from '../support/eventually';
import { sampleApplication, staff, uniqueSuffix, TEST_MENTORS } from '../support/fixtures';
import { IntegrationContext, openIntegrationContext } from '../support/integration-context';
import { driveTo } from '../support/pipeline-steps';
import { startProject } from '../support/project-driver';

function transition(projectId: string, version: number, stage: string): TransitionRecord {
  const at = new Date(Date.UTC(2026, 0, 1, 0, 0, version)).toISOString();
  const snapshot: ProjectSnapshot = {
    projectId,
    workflowId: `project-${projectId}`,
    title: 'Out-of-order delivery',
    college: 'College of Testing',
    stage,
    status: 'ACTIVE',
    mentorId: null,
    assignedMentorId: null,
    needsAttention: false,
    attentionReasons: [],
    nextDueAt: null,
    pendingActions: [],
    revisionRounds: 0,
    version,
    createdAt: at,
    updatedAt: at,
    closedAt: null,
    releasesTitle: false,
  };
  return {
    snapshot,
    audit: {
      projectId,
      workflowId: snapshot.workflowId,
      runId: 'run-1',
      eventRef: `update-${version}`,
      kind: 'decision',
      eventType: 'screenApplication',
      actor: staff,
      workflowTime: at,
      payload: { version },
    },
  };
}

describe('project records: the read model and the search attributes', () => {
  let ctx: IntegrationContext;
  let records: ProjectRecordsActivities;
  beforeAll(async () => {
    ctx = await openIntegrationContext('records');
    records = ctx.worker.app.get(ProjectRecordsActivities);
  });
  afterAll(() => ctx?.close());

  it('keeps the newer row when an older write arrives late, and appends a retried entry once', async () => {
    const projectId = randomUUID();
    const newer = await records.recordTransition(transition(projectId, 5, 'BUSINESS_PLAN'));
    const older = await records.recordTransition(transition(projectId, 3, 'MENTOR_MATCHING'));
    expect(newer.readModelApplied).toBe(true);
    expect(older.readModelApplied).toBe(false);
    const retried = await records.recordTransition(transition(projectId, 5, 'BUSINESS_PLAN'));
    expect(retried).toEqual({ ...newer, readModelApplied: false });

    const row = await ctx.db.query('SELECT stage, version FROM projects WHERE id = $1', [
      projectId,
    ]);
    expect(row.rows).toEqual([{ stage: 'BUSINESS_PLAN', version: 5 }]);
    const audit = await ctx.db.query(
      'SELECT count(*)::int AS n FROM audit_events WHERE project_id = $1',
      [projectId],
    );
    expect(audit.rows[0].n).toBe(2);
  });

  it('lets Temporal visibility find exactly the projects in a stage of a college', async () => {
    const suffix = uniqueSuffix();
    const college = `College of Visibility ${suffix}`;
    const inPlan: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const application = sampleApplication(`${suffix}-${i}`, { college });
      const { handle } = await startProject(
        ctx.client,
        ctx.config.TEMPORAL_TASK_QUEUE,
        application,
      );
      if (i < 2) {
        await driveTo(handle, 'BUSINESS_PLAN');
        inPlan.push(handle.workflowId);
      }
    }
    const found = await eventually(async () => {
      const ids: string[] = [];
      for await (const execution of ctx.client.workflow.list({
        query: `IncubationStage = 'BUSINESS_PLAN' AND College = '${college}'`,
      })) {
        ids.push(execution.workflowId);
      }
      expect(ids.sort()).toEqual([...inPlan].sort());
      return ids;
    });
    expect(found).toHaveLength(2);
    const withMentor = await eventually(async () => {
      const ids: string[] = [];
      for await (const execution of ctx.client.workflow.list({
        query: `MentorIds = '${TEST_MENTORS.a.id}' AND College = '${college}'`,
      })) {
        ids.push(execution.workflowId);
      }
      expect(ids).toHaveLength(2);
      return ids;
    });
    expect(withMentor.sort()).toEqual([...inPlan].sort());
  });
});
