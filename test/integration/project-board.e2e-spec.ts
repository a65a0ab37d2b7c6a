import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { uniqueSuffix } from '../support/fixtures';
import { createRoomyMentor, HttpAs, signedInUser } from '../support/http-client';
import { IntegrationContext, openIntegrationContext } from '../support/integration-context';
import { bootApi } from '../support/test-api';

interface Page {
  items: { projectId: string; title: string; stage: string }[];
  nextCursor: string | null;
}
interface Board {
  columns: (Page & { stage: string })[];
  counts: { stages: { stage: string; projects: number }[]; total: number };
}

const OPEN = [
  'APPLICATION',
  'MENTOR_MATCHING',
  'BUSINESS_PLAN',
  'INVESTOR_CONTACT',
  'COMPANY_REGISTRATION',
];

/**
 * GET /projects/board: the board's first screen in one answer, equal to what GET /projects
 * (each open stage's first page) and GET /projects/stage-counts answer for the same filters and
 * caller. Read-model rows are written straight into the table: the board reads nothing else.
 */
describe('GET /projects/board', () => {
  let ctx: IntegrationContext;
  let app: NestFastifyApplication;
  let staff: HttpAs;
  let reviewer: HttpAs;
  let mentor: HttpAs;
  let mentorId: string;
  const college = `Board College ${uniqueSuffix()}`;

  async function addRow(row: { stage: string; title: string; mentorId?: string }): Promise<void> {
    const id = randomUUID();
    await ctx.db.query(
      `INSERT INTO projects (id, workflow_id, title, college, stage, status, mentor_id,
                             needs_attention, version, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, 'ACTIVE', $6, false, 1, now(), now())`,
      [id, `board-${id}`, row.title, college, row.stage, row.mentorId ?? null],
    );
  }

  /** What the board replaces: one list request per column and the counts. */
  async function separately(as: HttpAs, query: Record<string, string>, stages = OPEN) {
    const pages = await Promise.all(
      stages.map(async (stage) => (await as.get('/projects', { ...query, stage })).body as Page),
    );
    // The counts take the filters without the page size.
    const filters = Object.fromEntries(Object.entries(query).filter(([key]) => key !== 'limit'));
    const counts = (await as.get('/projects/stage-counts', filters)).body as Board['counts'];
    return { columns: stages.map((stage, i) => ({ stage, ...pages[i] })), counts };
  }

  beforeAll(async () => {
    ctx = await openIntegrationContext('project-board');
    app = await bootApi(ctx.config);
    mentorId = await createRoomyMentor(ctx.db);
    staff = await signedInUser(app, ctx.db, 'staff');
    reviewer = await signedInUser(app, ctx.db, 'reviewer');
    mentor = await signedInUser(app, ctx.db, 'mentor', { mentorId });
    for (let i = 0; i < 25; i += 1) await addRow({ stage: 'APPLICATION', title: `Sensor ${i}` });
    await addRow({ stage: 'BUSINESS_PLAN', title: 'Optics plan', mentorId });
    await addRow({ stage: 'BUSINESS_PLAN', title: 'Robot plan' });
    await addRow({ stage: 'INCUBATED', title: 'Done', mentorId });
  });
  afterAll(async () => {
    await app?.close();
    await ctx?.close();
  });

  it('answers every open column’s first page and the counts, as the list and the counts do', async () => {
    const response = await staff.get('/projects/board', { college });
    expect(response.status).toBe(200);
    const board = response.body as Board;
    expect(board.columns.map((column) => column.stage)).toEqual(OPEN);
    const application = board.columns[0];
    expect(application.items).toHaveLength(20);
    expect(application.nextCursor).not.toBeNull();
    expect(board.columns[2].items.map((item) => item.title).sort()).toEqual([
      'Optics plan',
      'Robot plan',
    ]);
    expect(board.counts.total).toBe(28);
    expect(board).toEqual(await separately(staff, { college, limit: '20' }));

    // The next page of a column follows from the board's cursor as from the list's.
    const next = await staff.get('/projects', {
      college,
      stage: 'APPLICATION',
      cursor: application.nextCursor!,
    });
    expect((next.body as Page).items).toHaveLength(5);
  });

  it('takes the list’s filters and page size; a stage is one column', async () => {
    const small = (await staff.get('/projects/board', { college, limit: '5' })).body as Board;
    expect(small.columns[0].items).toHaveLength(5);
    expect(small).toEqual(await separately(staff, { college, limit: '5' }));

    const one = (await staff.get('/projects/board', { college, stage: 'BUSINESS_PLAN' }))
      .body as Board;
    expect(one.columns.map((column) => column.stage)).toEqual(['BUSINESS_PLAN']);
    expect(one).toEqual(
      await separately(staff, { college, stage: 'BUSINESS_PLAN' }, ['BUSINESS_PLAN']),
    );

    const searched = (await staff.get('/projects/board', { college, q: 'sensor 1' })).body as Board;
    expect(searched.counts.total).toBe(11);
    expect(searched.columns[0].items.every((item) => item.title.startsWith('Sensor 1'))).toBe(true);
  });

  it('shows a reviewer everything and a mentor only their own projects', async () => {
    const read = (await reviewer.get('/projects/board', { college })).body as Board;
    expect(read).toEqual(await separately(staff, { college, limit: '20' }));

    const own = await mentor.get('/projects/board', { college, mentorId: randomUUID() });
    expect(own.status).toBe(200);
    const body = own.body as Board;
    expect(body.columns.flatMap((column) => column.items.map((item) => item.title))).toEqual([
      'Optics plan',
    ]);
    expect(body.counts.total).toBe(2);
    expect(body).toEqual(await separately(mentor, { college, limit: '20' }));
  });

  it('refuses a bad filter, a sort or a cursor with a 400 naming the field', async () => {
    for (const [field, value] of [
      ['stage', 'NOWHERE'],
      ['limit', '101'],
      ['sort', 'title'],
      ['cursor', 'abc'],
    ]) {
      const bad = await staff.get('/projects/board', { [field]: value });
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body)).toContain(field);
    }
  });

  it('refuses a caller without a session', async () => {
    const anonymous = await request(app.getHttpServer()).get('/projects/board');
    expect(anonymous.status).toBe(401);
  });
});
