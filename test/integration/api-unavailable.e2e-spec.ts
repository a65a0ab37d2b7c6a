import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { normaliseName } from '@app/domain';
import { freePort } from '../../infra/dev/free-port';
import { eventually } from '../support/eventually';
import { d, sampleApplication, uniqueSuffix } from '../support/fixtures';
import { HttpAs, signedInUser } from '../support/http-client';
import { IntegrationContext, openIntegrationContext } from '../support/integration-context';
import { bootApi } from '../support/test-api';
import { testConfig } from '../support/test-env';

const DEADLINE_MS = 1_500;

describe('HTTP while Temporal or the worker is away', () => {
  let ctx: IntegrationContext;
  let app: NestFastifyApplication;
  let staff: HttpAs;

  beforeAll(async () => {
    ctx = await openIntegrationContext('unavailable', {
      TEMPORAL_CALL_DEADLINE_MS: String(DEADLINE_MS),
    });
    app = await bootApi(ctx.config);
    staff = await signedInUser(app, ctx.db, 'staff');
  });
  afterAll(async () => {
    await ctx?.db.query('UPDATE users SET active = false WHERE id = $1', [staff?.user.id]);
    await app?.close();
    await ctx?.close();
  });

  it('answers 503 within the deadline when no worker runs, and the retry with the same decisionId succeeds', async () => {
    const created = await staff.post('/projects', sampleApplication(uniqueSuffix()), {
      'Idempotency-Key': `unavailable-${uniqueSuffix()}`,
    });
    expect(created.status).toBe(201);
    const { projectId } = created.body as { projectId: string };

    await ctx.worker.stop();
    const decisionId = `screen-${uniqueSuffix()}`;
    const started = Date.now();
    const refused = await staff.decide(
      projectId,
      'screening',
      { outcome: d.accept.outcome },
      decisionId,
    );
    const elapsed = Date.now() - started;
    expect(refused.status).toBe(503);
    expect(refused.body.message).toMatch(/outcome is unknown.*same decisionId/i);
    expect(elapsed).toBeGreaterThanOrEqual(DEADLINE_MS - 100);
    expect(elapsed).toBeLessThan(DEADLINE_MS + 2_000);

    await ctx.restartWorker();
    // A client retries a 503 with the same decisionId; the new worker first has to take over
    // the workflow from the old one's sticky queue, which takes a few seconds.
    const retried = await eventually(async () => {
      const response = await staff.decide(
        projectId,
        'screening',
        { outcome: d.accept.outcome },
        decisionId,
      );
      expect(response.status).toBe(200);
      return response;
    }, 30_000);
    expect(retried.body).toEqual(expect.objectContaining({ decisionId, stage: 'MENTOR_MATCHING' }));
    const audit = await ctx.db.query(
      'SELECT count(*)::int AS n FROM audit_events WHERE project_id = $1 AND decision_id = $2',
      [projectId, decisionId],
    );
    expect(audit.rows[0].n).toBe(1);
  });

  it('boots with Temporal down and answers 503, not 500', async () => {
    const downApp = await bootApi(
      testConfig({
        TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`,
        TEMPORAL_CALL_DEADLINE_MS: String(DEADLINE_MS),
      }),
    );
    try {
      const user = await signedInUser(downApp, ctx.db, 'staff');
      const application = sampleApplication(uniqueSuffix());
      const submitted = await user.post('/projects', application, {
        'Idempotency-Key': `temporal-down-${uniqueSuffix()}`,
      });
      expect(submitted.status).toBe(503);
      expect(submitted.body.message).toMatch(/Temporal or the worker did not answer/);
      // The outcome is unknown (Temporal may have started it): the claim, its start input and
      // the first row stay, so the same key, or the worker's reconciler, finishes the start.
      const claims = await ctx.db.query(
        'SELECT count(*)::int AS n FROM title_claims WHERE college = $1 AND normalized_title = $2',
        [application.college, normaliseName(application.title)],
      );
      expect(claims.rows[0].n).toBe(1);
      const kept = await ctx.db.query<{ has_input: boolean; response: unknown }>(
        `SELECT start_input IS NOT NULL AS has_input, response FROM project_submissions
          WHERE submitted_by = $1`,
        [user.user.id],
      );
      expect(kept.rows).toEqual([{ has_input: true, response: null }]);
      await ctx.db.query('UPDATE users SET active = false WHERE id = $1', [user.user.id]);
    } finally {
      await downApp.close();
    }
  });
});
