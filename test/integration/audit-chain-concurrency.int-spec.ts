import { ApplicationFailure } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { verifyAuditChain } from '@app/persistence';
import type { TransitionRecord } from '@app/workflows/public-api';
import { ActivityRegistry } from '../../apps/worker/src/activities/activity.registry';
import { ProjectRecordsActivities } from '../../apps/worker/src/activities/project-records.activities';
import { eventually } from '../support/eventually';
import { d, sampleApplication, staff, TEST_MENTORS, uniqueSuffix } from '../support/fixtures';
import { IntegrationContext, openIntegrationContext } from '../support/integration-context';
import { decide, recordsOf, startProject } from '../support/project-driver';
import { testWorkflowBundle } from '../support/test-worker';

const PROJECTS = 30;

/** Each project: screened, a mentor proposed, then withdrawn (decisions and system events). */
async function advance(ctx: IntegrationContext, taskQueue: string): Promise<string> {
  const { projectId, handle } = await startProject(
    ctx.client,
    taskQueue,
    sampleApplication(uniqueSuffix()),
  );
  await decide(handle, staff, d.accept);
  await decide(handle, staff, d.assign(TEST_MENTORS.a.id));
  await decide(handle, staff, d.withdraw);
  await handle.result();
  return projectId;
}

describe('audit chain under concurrency and activity retries', () => {
  let ctx: IntegrationContext;

  beforeAll(async () => {
    ctx = await openIntegrationContext('audit-concurrency');
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it(`stays gap-free and verifiable with ${PROJECTS} projects advancing at once`, async () => {
    const projectIds = await Promise.all(
      Array.from({ length: PROJECTS }, () => advance(ctx, ctx.config.TEMPORAL_TASK_QUEUE)),
    );
    const seqs: bigint[] = [];
    for (const projectId of projectIds) {
      const { audit } = await recordsOf(ctx.db, projectId);
      expect(audit.filter((row) => row.decision_id).map((row) => row.event_type)).toEqual([
        'screenApplication',
        'assignMentor',
        'withdraw',
      ]);
      seqs.push(...audit.map((row) => BigInt(row.seq)));
    }
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(await verifyAuditChain(ctx.dataSource)).toEqual(
      expect.objectContaining({ intact: true }),
    );
  });

  it('adds no row when the recording activity runs again after its insert committed', async () => {
    const records = ctx.worker.app.get(ProjectRecordsActivities);
    const { projectId } = await startProject(
      ctx.client,
      ctx.config.TEMPORAL_TASK_QUEUE,
      sampleApplication(uniqueSuffix()),
    );
    // Wait until the project is quiet: its submission and the screening's due time recorded.
    await eventually(async () =>
      expect((await recordsOf(ctx.db, projectId)).audit.map((row) => row.event_type)).toEqual([
        'applicationSubmitted',
        'dueDateSet',
      ]),
    );
    const [first] = (await recordsOf(ctx.db, projectId)).audit;
    const record: TransitionRecord = {
      snapshot: {
        projectId,
        workflowId: `project-${projectId}`,
        title: 'retried',
        college: 'retried',
        stage: 'APPLICATION',
        status: 'ACTIVE',
        mentorId: null,
        assignedMentorId: null,
        needsAttention: false,
        attentionReasons: [],
        nextDueAt: null,
        pendingActions: [],
        revisionRounds: 0,
        version: 0,
        createdAt: new Date().toISOString(),
        updatedAt: new Date().toISOString(),
        closedAt: null,
        releasesTitle: false,
      },
      audit: {
        projectId,
        workflowId: `project-${projectId}`,
        runId: (await ctx.client.workflow.getHandle(`project-${projectId}`).describe()).runId,
        eventRef: 'application-submitted',
        kind: 'system',
        eventType: 'applicationSubmitted',
        actor: null,
        workflowTime: new Date().toISOString(),
        payload: {},
      },
    };
    const before = (await recordsOf(ctx.db, projectId)).audit;
    const again = await records.recordTransition(record);
    expect(again.auditSeq).toBe(first.seq);
    expect((await recordsOf(ctx.db, projectId)).audit).toEqual(before);
  });

  it('adds no row when every recording fails after its commit and Temporal retries it', async () => {
    // A worker whose recordTransition commits, then fails once per entry before returning,
    // as if the connection dropped after the commit: Temporal retries each one.
    const taskQueue = `${ctx.config.TEMPORAL_TASK_QUEUE}-flaky`;
    const registry = ctx.worker.app.get(ActivityRegistry).all();
    const failedOnce = new Set<string>();
    const attempts = new Map<string, number>();
    const connection = await NativeConnection.connect({ address: ctx.config.TEMPORAL_ADDRESS });
    const worker = await Worker.create({
      connection,
      namespace: ctx.config.TEMPORAL_NAMESPACE,
      taskQueue,
      workflowBundle: await testWorkflowBundle(),
      activities: {
        ...registry,
        recordTransition: async (record: TransitionRecord) => {
          const key = `${record.audit.runId}/${record.audit.eventRef}`;
          attempts.set(key, (attempts.get(key) ?? 0) + 1);
          const result = await registry.recordTransition(record);
          if (!failedOnce.has(key)) {
            failedOnce.add(key);
            throw ApplicationFailure.retryable(`lost the answer after committing ${key}`);
          }
          return result;
        },
      },
    });
    try {
      const projectId = await worker.runUntil(advance(ctx, taskQueue));
      const { audit } = await recordsOf(ctx.db, projectId);
      const keys = [...attempts.keys()];
      // Always its submission and its three decisions. A due date set in between is recorded
      // only if the main loop runs before the next decision arrives: a decision's recording is a
      // local activity, whose retry keeps its workflow task open, so nothing else of the
      // workflow runs while it waits to retry (an activity task let the loop run meanwhile).
      expect(keys.length).toBeGreaterThanOrEqual(4);
      for (const key of keys) expect(attempts.get(key)).toBeGreaterThanOrEqual(2);
      expect(audit).toHaveLength(keys.length);
      expect(audit.filter((row) => row.decision_id).map((row) => row.event_type)).toEqual([
        'screenApplication',
        'assignMentor',
        'withdraw',
      ]);
    } finally {
      await connection.close();
    }
    expect(await verifyAuditChain(ctx.dataSource)).toEqual(
      expect.objectContaining({ intact: true }),
    );
  });
});
