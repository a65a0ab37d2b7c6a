import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DueTimeActivities } from '../../apps/worker/src/activities/time.activities';
import { HttpAs, signedInUser } from '../support/http-client';
import { IntegrationContext, openIntegrationContext } from '../support/integration-context';
import { bootApi } from '../support/test-api';

/** 2031 is far from every other suite's deadlines: its overrides disturb no one. */
const FRIDAY_10AM_SHANGHAI = '2031-01-03T02:00:00.000Z';
const SATURDAY = '2031-01-04';

describe('HTTP: operators keep the working-day calendar', () => {
  let ctx: IntegrationContext;
  let app: NestFastifyApplication;
  let admin: HttpAs;
  let staff: HttpAs;
  let reviewer: HttpAs;
  let time: DueTimeActivities;

  beforeAll(async () => {
    ctx = await openIntegrationContext('calendar');
    app = await bootApi(ctx.config);
    [admin, staff, reviewer] = await Promise.all([
      signedInUser(app, ctx.db, 'admin'),
      signedInUser(app, ctx.db, 'staff'),
      signedInUser(app, ctx.db, 'reviewer'),
    ]);
    time = ctx.worker.app.get(DueTimeActivities);
  });
  afterAll(async () => {
    await ctx?.db.query('UPDATE users SET active = false WHERE id = ANY($1)', [
      [admin, staff, reviewer].filter(Boolean).map((who) => who.user.id),
    ]);
    await app?.close();
    await ctx?.close();
  });

  const dueAfterOneWorkingDay = (): Promise<string> =>
    time.computeDueAt({ fromIso: FRIDAY_10AM_SHANGHAI, limit: { workingDays: 1 } });

  it('turns a Saturday into a working day (调休) and back, and due times follow at once', async () => {
    expect(await dueAfterOneWorkingDay()).toBe('2031-01-06T02:00:00.000Z'); // Monday

    const set = await admin.put('/admin/calendar-overrides', {
      date: SATURDAY,
      kind: 'workday',
      note: 'Adjusted working day for the Spring Festival',
    });
    expect(set.status).toBe(200);
    expect(set.body).toEqual(expect.objectContaining({ date: SATURDAY, kind: 'workday' }));
    expect(await dueAfterOneWorkingDay()).toBe('2031-01-04T02:00:00.000Z'); // that Saturday

    const listed = await staff.get('/admin/calendar-overrides', { year: '2031' });
    expect(listed.body).toEqual([expect.objectContaining({ date: SATURDAY, kind: 'workday' })]);

    expect((await admin.delete(`/admin/calendar-overrides/${SATURDAY}`)).status).toBe(204);
    expect(await dueAfterOneWorkingDay()).toBe('2031-01-06T02:00:00.000Z');
  });

  it('refuses bad days and non-admins', async () => {
    const badDate = await admin.put('/admin/calendar-overrides', {
      date: '2031-02-30',
      kind: 'holiday',
      note: 'No such day',
    });
    expect(badDate.status).toBe(400);
    expect(badDate.body.field).toBe('date');
    const badKind = await admin.put('/admin/calendar-overrides', {
      date: '2031-02-03',
      kind: 'vacation',
      note: 'x',
    });
    expect(badKind.status).toBe(400);
    expect(badKind.body.message).toMatch(/kind must be one of/);
    const asStaff = await staff.put('/admin/calendar-overrides', {
      date: '2031-02-03',
      kind: 'holiday',
      note: 'Staff may not',
    });
    expect(asStaff.status).toBe(403);
    const asReviewer = await reviewer.put('/admin/calendar-overrides', {
      date: '2031-02-03',
      kind: 'holiday',
      note: 'Reviewers change nothing',
    });
    expect(asReviewer.status).toBe(403);
  });
});
