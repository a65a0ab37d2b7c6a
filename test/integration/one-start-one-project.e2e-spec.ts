import { setTimeout as sleep } from 'node:timers/promises';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { WorkflowNotFoundError } from '@temporalio/client';
import { projectWorkflowId } from '@app/workflows/public-api';
import { SubmissionCheckpoints } from '../../apps/api/src/projects/submission-checkpoints';
import { SubmissionReconciler } from '../../apps/worker/src/submissions/submission-reconciler.service';
import { DelayingProxy } from '../support/delaying-proxy';
import { eventually } from '../support/eventually';
import { sampleApplication, uniqueSuffix } from '../support/fixtures';
import { HttpAs, signedInUser } from '../support/http-client';
import { IntegrationContext, openIntegrationContext } from '../support/integration-context';
import { bootApi } from '../support/test-api';
import { testConfig } from '../support/test-env';

/** One start is one project, whatever fails between the claim and Temporal's answer. */
describe('POST /projects: one start, one project', () => {
  let ctx: IntegrationContext;

  beforeAll(async () => {
    // No grace in tests: the reconciler may finish any claim it finds unconfirmed.
    ctx = await openIntegrationContext('one-start', { SUBMISSION_START_GRACE_MS: '0' });
  });

  afterAll(async () => {
    await ctx?.close();
  });

  async function footprint(college: string) {
    const count = async (sql: string) => (await ctx.db.query(sql, [college])).rowCount;
    const workflows: string[] = [];
    for await (const run of ctx.client.workflow.list({ query: `College = "${college}"` })) {
      workflows.push(run.workflowId);
    }
    return {
      projects: await count('SELECT 1 FROM projects WHERE college = $1'),
      titleClaims: await count('SELECT 1 FROM title_claims WHERE college = $1'),
      workflows: workflows.length,
    };
  }

  describe('when the start answers after the client deadline', () => {
    let proxy: DelayingProxy;
    let app: NestFastifyApplication;
    let staff: HttpAs;
    let otherStaff: HttpAs;

    beforeAll(async () => {
      proxy = await DelayingProxy.start(ctx.config.TEMPORAL_ADDRESS);
      app = await bootApi(
        testConfig({
          TEMPORAL_TASK_QUEUE: ctx.config.TEMPORAL_TASK_QUEUE,
          TEMPORAL_ADDRESS: proxy.address,
          TEMPORAL_CALL_DEADLINE_MS: '1000',
        }),
      );
      [staff, otherStaff] = await Promise.all([
        signedInUser(app, ctx.db, 'staff'),
        signedInUser(app, ctx.db, 'staff'),
      ]);
    });

    afterAll(async () => {
      await app?.close();
      await proxy?.close();
    });

    it('retrying with the same key finds exactly one project, one workflow and one title claim', async () => {
      const application = sampleApplication(uniqueSuffix());
      const key = `deadline-${uniqueSuffix()}`;
      // A first call through the proxy opens the connection while answers are prompt.
      await staff.get('/health/ready');
      proxy.delayMs = 2_500;
      const first = await staff.post('/projects', application, { 'Idempotency-Key': key });
      expect(first.status).toBe(503);
      proxy.delayMs = 0;
      await sleep(2_000);

      const retry = await staff.post('/projects', application, { 'Idempotency-Key': key });
      expect(retry.status).toBe(201);
      const { projectId } = retry.body as { projectId: string };
      await ctx.client.workflow.getHandle(projectWorkflowId(projectId)).describe();
      await eventually(async () =>
        expect(await footprint(application.college)).toEqual({
          projects: 1,
          titleClaims: 1,
          workflows: 1,
        }),
      );

      // Another caller's same key and body is another request: judged, not answered from ours.
      const other = await otherStaff.post('/projects', application, { 'Idempotency-Key': key });
      expect(other.status).toBe(409);
      expect((other.body as { rule?: string }).rule).toBe('duplicate-title');
    }, 30_000);
  });

  describe('when the API dies right after the claim', () => {
    let app: NestFastifyApplication;
    let staff: HttpAs;

    beforeAll(async () => {
      app = await bootApi(ctx.config, {
        customise: (builder) =>
          builder.overrideProvider(SubmissionCheckpoints).useValue({
            afterClaim: () => {
              throw new Error('the API process died here');
            },
          }),
      });
      staff = await signedInUser(app, ctx.db, 'staff');
    });

    afterAll(async () => {
      await app?.close();
    });

    it('the reconciler starts the workflow and the key answers the project', async () => {
      const application = sampleApplication(uniqueSuffix());
      const key = `crash-${uniqueSuffix()}`;
      const crashed = await staff.post('/projects', application, { 'Idempotency-Key': key });
      expect(crashed.status).toBe(500);
      const claimed = await ctx.db.query<{ project_id: string }>(
        'SELECT project_id FROM project_submissions WHERE idempotency_key = $1',
        [key],
      );
      expect(claimed.rowCount).toBe(1);
      const projectId = claimed.rows[0].project_id;
      const handle = ctx.client.workflow.getHandle(projectWorkflowId(projectId));
      await expect(handle.describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);

      const pass = await ctx.worker.app.get(SubmissionReconciler).runOnce();
      expect(pass.finished).toContain(projectId);
      await handle.describe();

      const repeat = await staff.post('/projects', application, { 'Idempotency-Key': key });
      expect(repeat.status).toBe(201);
      expect(repeat.body).toMatchObject({ projectId, workflowId: handle.workflowId });
      await eventually(async () =>
        expect(await footprint(application.college)).toEqual({
          projects: 1,
          titleClaims: 1,
          workflows: 1,
        }),
      );
    }, 30_000);
  });
});
