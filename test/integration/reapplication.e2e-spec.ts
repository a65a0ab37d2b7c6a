import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { decideOk, submitProject } from '../support/api-projects';
import { sampleApplication, uniqueSuffix } from '../support/fixtures';
import { HttpAs, signedInUser } from '../support/http-client';
import { IntegrationContext, openIntegrationContext } from '../support/integration-context';
import { bootApi } from '../support/test-api';

/** A rejected (or withdrawn) team may apply again, naming its earlier project of that college. */
describe('HTTP: a re-application names an earlier project that ended', () => {
  let ctx: IntegrationContext;
  let app: NestFastifyApplication;
  let staff: HttpAs;

  beforeAll(async () => {
    ctx = await openIntegrationContext('reapplication');
    app = await bootApi(ctx.config);
    staff = await signedInUser(app, ctx.db, 'staff');
  });
  afterAll(async () => {
    await app?.close();
    await ctx?.close();
  });

  const apply = (application: object) =>
    staff.post('/projects', application, { 'Idempotency-Key': `reapply-${uniqueSuffix()}` });

  it('refuses an unknown, an open or another college’s project, and accepts a rejected one', async () => {
    const suffix = uniqueSuffix();
    const rejected = await submitProject(staff, sampleApplication(suffix));
    await decideOk(staff, rejected.projectId, 'screening', {
      outcome: 'reject',
      comment: 'Not yet a research result.',
    });
    const open = await submitProject(
      staff,
      sampleApplication(`${suffix}-open`, {
        college: rejected.application.college,
      }),
    );
    const again = (previousProjectId: string, college = rejected.application.college) =>
      apply(sampleApplication(`${suffix}-again-${uniqueSuffix()}`, { college, previousProjectId }));

    for (const [previous, college, why] of [
      [randomUUID(), rejected.application.college, 'exists'],
      [open.projectId, rejected.application.college, 'is APPLICATION'],
      [rejected.projectId, `Another College ${suffix}`, 'another college'],
    ] as const) {
      const refused = await again(previous, college);
      expect({
        status: refused.status,
        field: refused.body.field,
        rule: refused.body.rule,
      }).toEqual({
        status: 422,
        field: 'previousProjectId',
        rule: 'previous-project',
      });
      expect(refused.body.message).toContain(why);
    }
    const accepted = await again(rejected.projectId);
    expect(accepted.status).toBe(201);
  });
});
