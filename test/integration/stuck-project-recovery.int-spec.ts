import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { WorkflowUpdateStage } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { createInitialState, replaceUnstorable } from '@app/domain';
import { AUDIT_CHAIN_LOCK_KEY, upsertProjectSnapshot, verifyAuditChain } from '@app/persistence';
import {
  decisionUpdateId,
  decisionUpdates,
  projectSnapshotOf,
  projectWorkflow,
  stateQuery,
  TransitionRecord,
} from '@app/workflows/public-api';
import { ProjectRecordsActivities } from '../../apps/worker/src/activities/project-records.activities';
import { StorableRecords } from '../../apps/worker/src/activities/storable-records';
import { decideOk } from '../support/api-projects';
import { eventually } from '../support/eventually';
import { d, sampleApplication, startProjectOptions, uniqueSuffix } from '../support/fixtures';
import { createRoomyMentor, HttpAs, signedInUser } from '../support/http-client';
import { IntegrationContext, openIntegrationContext } from '../support/integration-context';
import { bootApi } from '../support/test-api';
import { testWorkflowBundle } from '../support/test-worker';

interface AuditRow {
  seq: string;
  event_type: string;
  payload: Record<string, unknown>;
}

/**
 * A project whose history holds characters PostgreSQL cannot store (as histories written before
 * the edge refused them do) is stuck: every recordTransition attempt fails. Deploying the
 * recording activity with storable() un-sticks it with no reset and no workflow change: the
 * scheduled retry records the queued transitions in order, once each. Meanwhile the failure is
 * seen: the project is flagged naming the activity, staff are told, the failure audited once.
 */
describe('a project stuck on an unstorable character recovers when the fixed worker is deployed', () => {
  let ctx: IntegrationContext;
  let app: NestFastifyApplication;
  let staff: HttpAs;
  let mentorId: string;

  beforeAll(async () => {
    ctx = await openIntegrationContext('stuck-recovery', {
      ACTIVITY_ATTENTION_AFTER_ATTEMPTS: '2',
      AUDIT_LOCK_TIMEOUT_MS: '1000',
    });
    app = await bootApi(ctx.config);
    mentorId = await createRoomyMentor(ctx.db, 'Recovery Mentoring Ltd');
    staff = await signedInUser(app, ctx.db, 'staff');
  });

  afterAll(async () => {
    await app?.close();
    await ctx?.close();
  });

  it('flags it while stuck, then records the queued transitions once each, in order, and it is decidable again', async () => {
    // The worker as it was before the fix: storable() switched off.
    let failedAttempts = 0;
    await ctx.restartWorker((builder) =>
      builder.overrideProvider(StorableRecords).useValue({
        storable: (record: TransitionRecord) => {
          failedAttempts += 1;
          return record;
        },
      }),
    );
    const suffix = uniqueSuffix();
    const application = sampleApplication(suffix, { title: `Orchard\u0000 Lidar\uD800 ${suffix}` });
    const actor = { userId: staff.user.id, role: 'staff' as const };
    const { projectId, options } = startProjectOptions(
      ctx.config.TEMPORAL_TASK_QUEUE,
      application,
      ctx.config.policy,
      actor,
    );
    // The first read-model row, as the API wrote it for such a project (its title stored).
    const submittedAt = new Date().toISOString();
    const safeApplication = { ...application, title: replaceUnstorable(application.title) };
    await ctx.dataSource.transaction((manager) =>
      upsertProjectSnapshot(manager, {
        ...projectSnapshotOf(
          createInitialState(projectId, safeApplication, submittedAt),
          options.workflowId,
          submittedAt,
        ),
        version: 0,
      }),
    );
    const handle = await ctx.client.workflow.start(projectWorkflow, {
      ...options,
      args: [{ ...options.args[0], submittedAt }],
    });

    // A decision queued behind the stuck record: accepted, but unanswered while it is stuck.
    const decision = d.accept;
    const decisionId = randomUUID();
    const update = await handle.startUpdate(decisionUpdates.screenApplication, {
      args: [{ decisionId, actor, decision }],
      updateId: decisionUpdateId(decisionId, actor, decision),
      waitForStage: WorkflowUpdateStage.ACCEPTED,
    });

    // Failures are seen: flagged naming the activity, audited once, staff told.
    await eventually(async () => {
      const rows = await ctx.db.query<{ needs_attention: boolean; attention_reasons: string[] }>(
        'SELECT needs_attention, attention_reasons FROM projects WHERE id = $1',
        [projectId],
      );
      expect(rows.rows[0]).toEqual({
        needs_attention: true,
        attention_reasons: ['activity-failing:recordTransition'],
      });
    }, 20_000);
    expect(failedAttempts).toBeGreaterThanOrEqual(2);
    // Flagged first, then audited and staff told, each outside the failing transaction.
    await eventually(async () => {
      const notified = await ctx.db.query(
        `SELECT 1 FROM notifications WHERE project_id = $1 AND kind = 'activity_failing'`,
        [projectId],
      );
      expect(notified.rowCount).toBeGreaterThan(0);
    });

    // Deploy: the real worker. No reset, no workflow change.
    await ctx.restartWorker();
    const result = await update.result();
    expect(result.stage).toBe('MENTOR_MATCHING');

    const view = await handle.query(stateQuery);
    await eventually(async () => {
      const rows = await ctx.db.query<{ version: number; needs_attention: boolean }>(
        'SELECT version, needs_attention FROM projects WHERE id = $1',
        [projectId],
      );
      expect(rows.rows[0]).toEqual({ version: view.state.version, needs_attention: false });
    }, 20_000);

    const audit = await ctx.db.query<AuditRow>(
      `SELECT seq::text AS seq, event_type, payload FROM audit_events
        WHERE workflow_id = $1 ORDER BY audit_events.seq`,
      [handle.workflowId],
    );
    const types = audit.rows.map((row) => row.event_type);
    expect(types.filter((type) => type === 'activityFailing')).toHaveLength(1);
    expect(types.filter((type) => type === 'activityRecovered')).toHaveLength(1);
    const transitions = types.filter((type) => !type.startsWith('activity'));
    expect(transitions).toEqual(['applicationSubmitted', 'screenApplication']);
    const submitted = audit.rows.find((row) => row.event_type === 'applicationSubmitted');
    expect(submitted?.payload.title).toBe(`Orchard\uFFFD Lidar\uFFFD ${suffix}`);
    expect(submitted?.payload.unstorableTextReplaced).toEqual(
      expect.arrayContaining(['snapshot.title', 'audit.payload.title']),
    );

    // The operator's checks: the chain verifies, the history replays.
    await expect(verifyAuditChain(ctx.dataSource)).resolves.toMatchObject({ intact: true });
    await expect(
      Worker.runReplayHistory(
        { workflowBundle: await testWorkflowBundle() },
        await handle.fetchHistory(),
      ),
    ).resolves.toBeUndefined();

    // Decidable again, through the API, nothing lost.
    await decideOk(staff, projectId, 'mentor-assignment', { mentorId });
  }, 90_000);

  it('gives up waiting for the audit chain lock well within the activity limit', async () => {
    // Another session holds the chain's lock, as a timed-out attempt still running once did.
    const holder = await ctx.db.connect();
    try {
      await holder.query('SELECT pg_advisory_lock($1)', [AUDIT_CHAIN_LOCK_KEY]);
      const projectId = randomUUID();
      const submittedAt = new Date().toISOString();
      const record: TransitionRecord = {
        snapshot: projectSnapshotOf(
          createInitialState(projectId, sampleApplication(uniqueSuffix()), submittedAt),
          `project-${projectId}`,
          submittedAt,
        ),
        audit: {
          projectId,
          workflowId: `project-${projectId}`,
          runId: randomUUID(),
          eventRef: 'application-submitted',
          kind: 'system',
          eventType: 'applicationSubmitted',
          actor: null,
          workflowTime: submittedAt,
          payload: {},
        },
      };
      const recording = ctx.worker.app.get(ProjectRecordsActivities).recordTransition(record);
      // lock_timeout (55P03), not a wait for the 30-second activity limit.
      await expect(recording).rejects.toMatchObject({ driverError: { code: '55P03' } });
    } finally {
      await holder.query('SELECT pg_advisory_unlock_all()');
      holder.release();
    }
  }, 20_000);
});
