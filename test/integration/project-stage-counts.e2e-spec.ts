import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { uniqueSuffix } from '../support/fixtures';
import { createRoomyMentor, HttpAs, signedInUser } from '../support/http-client';
import { IntegrationContext, openIntegrationContext } from '../support/integration-context';
import { bootApi } from '../support/test-api';

interface Counts {
  stages: { stage: string; projects: number }[];
  total: number;
}

/**
 * GET /projects/stage-counts: the board's column counts with the list's filters, equal to what
 * paging through GET /projects gives, and a mentor counts only their own projects. Read-model
 * rows are written straight into the table: the counts read nothing else.
 */
describe('GET /projects/stage-counts', () => {
  let ctx: IntegrationContext;
  let app: NestFastifyApplication;
  let staff: HttpAs;
  let mentor: HttpAs;
  let mentorId: string;
  const college = `Counting College ${uniqueSuffix()}`;

  async function addRow(row: {
    stage: string;
    title: string;
    mentorId?: string;
    needsAttention?: boolean;
    dueInDays?: number;
  }): Promise<void> {
    const id = randomUUID();
    await ctx.db.query(
      `INSERT INTO projects (id, workflow_id, title, college, stage, status, mentor_id,
                             needs_attention, next_due_at, version, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, 'ACTIVE', $6, $7,
               CASE WHEN $8::int IS NULL THEN NULL ELSE now() + $8::int * interval '1 day' END,
               1, now(), now())`,
      [
        id,
        `counts-${id}`,
        row.title,
        college,
        row.stage,
        row.mentorId ?? null,
        row.needsAttention ?? false,
        row.dueInDays ?? null,
      ],
    );
  }

  const countsOf = (body: Counts): Record<string, number> =>
    Object.fromEntries(body.stages.filter((s) => s.projects > 0).map((s) => [s.stage, s.projects]));

  beforeAll(async () => {
    ctx = await openIntegrationContext('project-stage-counts');
    app = await bootApi(ctx.config);
    mentorId = await createRoomyMentor(ctx.db);
    staff = await signedInUser(app, ctx.db, 'staff');
    mentor = await signedInUser(app, ctx.db, 'mentor', { mentorId });
    for (let i = 0; i < 45; i += 1) await addRow({ stage: 'APPLICATION', title: `Sensor ${i}` });
    await addRow({ stage: 'BUSINESS_PLAN', title: 'Optics plan', mentorId, dueInDays: -2 });
    await addRow({ stage: 'BUSINESS_PLAN', title: 'Robot plan', needsAttention: true });
    await addRow({ stage: 'INCUBATED', title: 'Done 100%_x', mentorId });
  });
  afterAll(async () => {
    await app?.close();
    await ctx?.close();
  });

  it('counts every stage with the filters, equal to paging through the list', async () => {
    const all = await staff.get('/projects/stage-counts', { college });
    expect(all.status).toBe(200);
    const body = all.body as Counts;
    expect(countsOf(body)).toEqual({ APPLICATION: 45, BUSINESS_PLAN: 2, INCUBATED: 1 });
    expect(body.total).toBe(48);
    // Every stage is listed, in pipeline order, zeros included.
    expect(body.stages.map((s) => s.stage)).toEqual([
      'APPLICATION',
      'MENTOR_MATCHING',
      'BUSINESS_PLAN',
      'INVESTOR_CONTACT',
      'COMPANY_REGISTRATION',
      'INCUBATED',
      'REJECTED',
      'WITHDRAWN',
    ]);

    let listed = 0;
    let cursor: string | undefined;
    do {
      const page = await staff.get('/projects', {
        college,
        stage: 'APPLICATION',
        limit: '20',
        ...(cursor ? { cursor } : {}),
      });
      const pageBody = page.body as { items: unknown[]; nextCursor: string | null };
      listed += pageBody.items.length;
      cursor = pageBody.nextCursor ?? undefined;
    } while (cursor);
    expect(listed).toBe(45);

    const filtered = async (query: Record<string, string>) =>
      countsOf((await staff.get('/projects/stage-counts', { college, ...query })).body as Counts);
    expect(await filtered({ needsAttention: 'true' })).toEqual({ BUSINESS_PLAN: 1 });
    expect(await filtered({ overdue: 'true' })).toEqual({ BUSINESS_PLAN: 1 });
    expect(await filtered({ mentorId })).toEqual({ BUSINESS_PLAN: 1, INCUBATED: 1 });
    expect(await filtered({ stage: 'BUSINESS_PLAN' })).toEqual({ BUSINESS_PLAN: 2 });
    expect(await filtered({ q: 'SENSOR 1' })).toEqual({ APPLICATION: 11 });
    // LIKE's wildcards in the search are plain characters.
    expect(await filtered({ q: '100%_' })).toEqual({ INCUBATED: 1 });
  });

  it('counts only the mentor’s own projects for a mentor, whatever mentorId they send', async () => {
    const own = await mentor.get('/projects/stage-counts', { college });
    expect(countsOf(own.body as Counts)).toEqual({ BUSINESS_PLAN: 1, INCUBATED: 1 });
    const other = await mentor.get('/projects/stage-counts', { college, mentorId: randomUUID() });
    expect(countsOf(other.body as Counts)).toEqual({ BUSINESS_PLAN: 1, INCUBATED: 1 });
  });

  it('refuses a bad filter with a 400 naming the field', async () => {
    const bad = await staff.get('/projects/stage-counts', { stage: 'NOWHERE' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('stage');
    const sort = await staff.get('/projects/stage-counts', { limit: '5' });
    expect(sort.status).toBe(400);
    expect(JSON.stringify(sort.body)).toContain('limit');
  });
});
