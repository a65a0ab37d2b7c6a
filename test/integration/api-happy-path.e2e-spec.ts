import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { d, sampleApplication, uniqueSuffix } from '../support/fixtures';
import { createRoomyMentor, HttpAs, signedInUser } from '../support/http-client';
import { IntegrationContext, openIntegrationContext } from '../support/integration-context';
import { bootApi } from '../support/test-api';
import { uploadedPlan } from '../support/plan-uploads';

/** A decision as an HTTP body: its fields without the type, which the route names. */
function bodyOf(decision: object): object {
  return Object.fromEntries(Object.entries(decision).filter(([key]) => key !== 'type'));
}

describe('HTTP: a project from POST /projects to INCUBATED, by signed-in people', () => {
  let ctx: IntegrationContext;
  let app: NestFastifyApplication;
  let staff: HttpAs;
  let staff2: HttpAs;
  let mentor: HttpAs;
  let mentorId: string;

  beforeAll(async () => {
    ctx = await openIntegrationContext('api-happy');
    app = await bootApi(ctx.config);
    mentorId = await createRoomyMentor(ctx.db);
    [staff, staff2, mentor] = await Promise.all([
      signedInUser(app, ctx.db, 'staff'),
      signedInUser(app, ctx.db, 'staff'),
      signedInUser(app, ctx.db, 'mentor', { mentorId }),
    ]);
  });
  afterAll(async () => {
    await app?.close();
    await ctx?.close();
  });

  it('drives every stage through HTTP', async () => {
    const application = sampleApplication(uniqueSuffix());
    const created = await staff.post('/projects', application, {
      'Idempotency-Key': `submit-${uniqueSuffix()}`,
    });
    expect(created.status).toBe(201);
    const { projectId } = created.body as { projectId: string };
    expect(created.body.state).toEqual(expect.objectContaining({ stage: 'APPLICATION' }));
    // The project's row is there the moment its id is handed out, with the workflow's createdAt.
    const { createdAt } = created.body.state as { createdAt: string };
    const row = await ctx.db.query('SELECT created_at FROM projects WHERE id = $1', [projectId]);
    expect(new Date(row.rows[0].created_at).toISOString()).toBe(createdAt);

    const accept = bodyOf(d.accept);
    const plan = uploadedPlan(1);
    const contact = bodyOf(d.contact('c-1', 'invested'));
    const company = bodyOf(d.company());
    const steps: [HttpAs, string, object, string][] = [
      [staff, 'screening', accept, 'MENTOR_MATCHING'],
      [staff, 'mentor-assignment', { mentorId }, 'MENTOR_MATCHING'],
      [mentor, 'mentor-assignment/accept', { comment: '乐意指导。' }, 'BUSINESS_PLAN'],
      [staff, 'plan-versions', plan, 'BUSINESS_PLAN'],
      [mentor, 'plan-review/approve', { comment: 'Ready for investors.' }, 'INVESTOR_CONTACT'],
      [staff, 'investor-contacts', contact, 'INVESTOR_CONTACT'],
      [mentor, 'investment-sign-offs', {}, 'INVESTOR_CONTACT'],
      [staff2, 'investment-sign-offs', {}, 'COMPANY_REGISTRATION'],
      [staff, 'company', company, 'COMPANY_REGISTRATION'],
      [staff, 'incubation-approval', { comment: 'Welcome to the alumni.' }, 'INCUBATED'],
    ];
    for (const [who, action, body, stage] of steps) {
      const response = await who.decide(projectId, action, body);
      expect({ action, status: response.status, body: response.body }).toEqual({
        action,
        status: 200,
        body: expect.objectContaining({ accepted: true, stage }),
      });
    }

    // Screening came right after the 201, yet the trail starts with the application.
    const trail = await ctx.db.query(
      'SELECT event_type FROM audit_events WHERE project_id = $1 ORDER BY seq LIMIT 2',
      [projectId],
    );
    expect(trail.rows.map((r: { event_type: string }) => r.event_type)).toEqual([
      'applicationSubmitted',
      'screenApplication',
    ]);

    const detail = await staff.get(`/projects/${projectId}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toEqual(
      expect.objectContaining({ stage: 'INCUBATED', source: 'read-model' }),
    );
    const listed = await staff.get('/projects', { college: application.college });
    expect(listed.body.items).toEqual([expect.objectContaining({ projectId, stage: 'INCUBATED' })]);
  });
});
