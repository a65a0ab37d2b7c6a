import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Response } from 'supertest';
import type { DecisionSummary } from '@app/domain';
import {
  bodyOf,
  quiescentFootprint,
  submitProject,
  SubmittedApiProject,
} from '../support/api-projects';
import { d, sampleApplication, uniqueSuffix } from '../support/fixtures';
import { HttpAs, signedInUser } from '../support/http-client';
import { IntegrationContext, openIntegrationContext } from '../support/integration-context';
import { bootApi } from '../support/test-api';

describe('HTTP: a request sent again has one effect and gets the first answer', () => {
  let ctx: IntegrationContext;
  let app: NestFastifyApplication;
  let staff: HttpAs;

  beforeAll(async () => {
    ctx = await openIntegrationContext('api-idempotency');
    app = await bootApi(ctx.config);
    staff = await signedInUser(app, ctx.db, 'staff');
  });

  afterAll(async () => {
    if (staff) {
      await ctx.db.query('UPDATE users SET active = false WHERE id = $1', [staff.user.id]);
    }
    await app?.close();
    await ctx?.close();
  });

  /** How often a decision took effect: its audit rows and its entries in the live state. */
  async function effectsOf(
    projectId: string,
    decisionId: string,
  ): Promise<{ auditRows: number; inState: number }> {
    const audit = await ctx.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM audit_events WHERE project_id = $1 AND decision_id = $2',
      [projectId, decisionId],
    );
    const detail = await staff.get(`/projects/${projectId}`);
    expect(detail.status).toBe(200);
    const lastDecisions = (detail.body as { state: { lastDecisions: DecisionSummary[] } }).state
      .lastDecisions;
    return {
      auditRows: audit.rows[0].n,
      inState: lastDecisions.filter((entry) => entry.decisionId === decisionId).length,
    };
  }

  const screen = (projectId: string, decisionId: string, outcome = 'accept'): Promise<Response> =>
    staff.decide(projectId, 'screening', { outcome, comment: 'Looks promising.' }, decisionId);

  describe('decisions', () => {
    let project: SubmittedApiProject;
    beforeEach(async () => {
      project = await submitProject(staff);
    });

    it('answers a decision repeated one after another with the first result, once; a header is no decisionId', async () => {
      const decisionId = `screen-${uniqueSuffix()}`;
      const first = await screen(project.projectId, decisionId);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ decisionId, accepted: true, stage: 'MENTOR_MATCHING' });
      const footprint = await quiescentFootprint(ctx, staff, project.projectId);

      const again = await screen(project.projectId, decisionId);
      const byHeader = await staff.post(
        `/projects/${project.projectId}/screening`,
        { outcome: 'accept', comment: 'Looks promising.' },
        { 'Idempotency-Key': decisionId },
      );
      expect([again.status, byHeader.status]).toEqual([200, 400]);
      expect(again.body).toEqual(first.body);
      expect(byHeader.body).toEqual(
        expect.objectContaining({ problems: [expect.objectContaining({ field: 'decisionId' })] }),
      );
      expect(await effectsOf(project.projectId, decisionId)).toEqual({ auditRows: 1, inState: 1 });
      expect(await quiescentFootprint(ctx, staff, project.projectId)).toEqual(footprint);
    });

    it('applies ten concurrent copies of a decision once, answering each the same', async () => {
      const decisionId = `screen-${uniqueSuffix()}`;
      const responses = await Promise.all(
        Array.from({ length: 10 }, () => screen(project.projectId, decisionId)),
      );
      expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
      const bodies = new Set(responses.map((response) => JSON.stringify(response.body)));
      expect(bodies.size).toBe(1);
      expect(responses[0].body).toMatchObject({ decisionId, stage: 'MENTOR_MATCHING' });
      expect(await effectsOf(project.projectId, decisionId)).toEqual({ auditRows: 1, inState: 1 });
    });

    it('refuses the same decisionId with other content (422 decision-id-reused), changing nothing', async () => {
      const decisionId = `screen-${uniqueSuffix()}`;
      expect((await screen(project.projectId, decisionId)).status).toBe(200);
      const before = await quiescentFootprint(ctx, staff, project.projectId);

      const otherOutcome = await screen(project.projectId, decisionId, 'return');
      const otherDecision = await staff.decide(
        project.projectId,
        'mentor-assignment',
        { mentorId: '0b1a0000-0000-4000-8000-00000000000a' },
        decisionId,
      );
      for (const response of [otherOutcome, otherDecision]) {
        expect({ status: response.status, rule: response.body.rule }).toEqual({
          status: 422,
          rule: 'decision-id-reused',
        });
        expect(response.body.message).toContain(decisionId);
      }
      expect(await quiescentFootprint(ctx, staff, project.projectId)).toEqual(before);
      expect(await effectsOf(project.projectId, decisionId)).toEqual({ auditRows: 1, inState: 1 });
    });

    it('answers repeats after the project closed from the audit log; a new decision is a 409', async () => {
      const screenId = `screen-${uniqueSuffix()}`;
      const withdrawId = `withdraw-${uniqueSuffix()}`;
      const screened = await screen(project.projectId, screenId);
      const withdrawn = await staff.decide(
        project.projectId,
        'withdrawal',
        bodyOf(d.withdraw),
        withdrawId,
      );
      expect([screened.status, withdrawn.status]).toEqual([200, 200]);
      expect(withdrawn.body).toMatchObject({ stage: 'WITHDRAWN', status: 'CLOSED' });
      const closed = await quiescentFootprint(ctx, staff, project.projectId);
      expect((await staff.get(`/projects/${project.projectId}`)).body.source).toBe('read-model');

      const screenAgain = await screen(project.projectId, screenId);
      const withdrawAgain = await staff.decide(
        project.projectId,
        'withdrawal',
        bodyOf(d.withdraw),
        withdrawId,
      );
      expect({ status: screenAgain.status, body: screenAgain.body }).toEqual({
        status: 200,
        body: screened.body,
      });
      expect({ status: withdrawAgain.status, body: withdrawAgain.body }).toEqual({
        status: 200,
        body: withdrawn.body,
      });

      const reused = await screen(project.projectId, screenId, 'return');
      expect({ status: reused.status, rule: reused.body.rule }).toEqual({
        status: 422,
        rule: 'decision-id-reused',
      });
      const newDecision = await staff.decide(project.projectId, 'hold', bodyOf(d.hold));
      expect({ status: newDecision.status, rule: newDecision.body.rule }).toEqual({
        status: 409,
        rule: 'project-closed',
      });
      expect(await quiescentFootprint(ctx, staff, project.projectId)).toEqual(closed);
    });
  });

  describe('POST /projects with an Idempotency-Key', () => {
    async function projectsIn(college: string): Promise<{ projects: number; claims: number }> {
      const counts = await ctx.db.query<{ projects: number; claims: number }>(
        `SELECT (SELECT count(*)::int FROM projects WHERE college = $1) AS projects,
                (SELECT count(*)::int FROM title_claims WHERE college = $1) AS claims`,
        [college],
      );
      return counts.rows[0];
    }

    it('creates one project for a submission sent again, and answers it the same', async () => {
      const application = sampleApplication(uniqueSuffix());
      const key = `submit-${uniqueSuffix()}`;
      const first = await staff.post('/projects', application, { 'Idempotency-Key': key });
      const again = await staff.post('/projects', application, { 'Idempotency-Key': key });
      expect([first.status, again.status]).toEqual([201, 201]);
      expect(again.body).toEqual(first.body);
      expect(await projectsIn(application.college)).toEqual({ projects: 1, claims: 1 });
    });

    it('creates one project for ten concurrent copies of a submission', async () => {
      const application = sampleApplication(uniqueSuffix());
      const key = `submit-${uniqueSuffix()}`;
      const responses = await Promise.all(
        Array.from({ length: 10 }, () =>
          staff.post('/projects', application, { 'Idempotency-Key': key }),
        ),
      );
      // A copy that arrives while the first is still starting the workflow is told to retry
      // (409 submission-in-progress); every other copy gets the first answer.
      const created = responses.filter((response) => response.status === 201);
      const inProgress = responses.filter((response) => response.status !== 201);
      expect(created.length).toBeGreaterThanOrEqual(1);
      // Deep equality: a copy answered from the stored response has its keys in jsonb's order.
      for (const response of created) expect(response.body).toEqual(created[0].body);
      for (const response of inProgress) {
        expect({ status: response.status, rule: response.body.rule }).toEqual({
          status: 409,
          rule: 'submission-in-progress',
        });
      }
      const retried = await staff.post('/projects', application, { 'Idempotency-Key': key });
      expect({ status: retried.status, body: retried.body }).toEqual({
        status: 201,
        body: created[0].body,
      });
      expect(await projectsIn(application.college)).toEqual({ projects: 1, claims: 1 });
    });

    it('refuses the same key with another application (422), creating nothing', async () => {
      const key = `submit-${uniqueSuffix()}`;
      const application = sampleApplication(uniqueSuffix());
      const other = sampleApplication(uniqueSuffix());
      expect((await staff.post('/projects', application, { 'Idempotency-Key': key })).status).toBe(
        201,
      );
      const refused = await staff.post('/projects', other, { 'Idempotency-Key': key });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({
        rule: 'idempotency-key-reused',
        field: 'Idempotency-Key',
      });
      expect(await projectsIn(other.college)).toEqual({ projects: 0, claims: 0 });
      expect(await projectsIn(application.college)).toEqual({ projects: 1, claims: 1 });
    });
  });
});
