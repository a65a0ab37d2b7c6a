import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { d } from '../support/fixtures';
import { bodyOf, decideOk, submitProject } from '../support/api-projects';
import { eventually } from '../support/eventually';
import { createRoomyMentor, HttpAs, signedInUser } from '../support/http-client';
import { IntegrationContext, openIntegrationContext } from '../support/integration-context';
import { bootApi } from '../support/test-api';

interface NotificationView {
  notificationId: string;
  kind: string;
  projectId: string;
  action: string | null;
  subject: string;
  read: boolean;
  readAt: string | null;
  createdAt: string;
}

interface NotificationPage {
  items: NotificationView[];
  total: number;
  unreadCount: number;
}

describe('HTTP: my notifications and how I want them', () => {
  let ctx: IntegrationContext;
  let app: NestFastifyApplication;
  let staff: HttpAs;
  let mentor: HttpAs;
  let otherMentor: HttpAs;
  let reviewer: HttpAs;
  const mentorIds: string[] = [];

  async function notificationsOf(
    who: HttpAs,
    query: Record<string, string> = {},
  ): Promise<NotificationPage> {
    const response = await who.get('/me/notifications', query);
    expect(response.status).toBe(200);
    return response.body as NotificationPage;
  }

  async function unreadCountOf(who: HttpAs): Promise<number> {
    const response = await who.get('/me/notifications/unread-count');
    expect(response.status).toBe(200);
    return (response.body as { unreadCount: number }).unreadCount;
  }

  beforeAll(async () => {
    ctx = await openIntegrationContext('me-notifications');
    app = await bootApi(ctx.config);
    mentorIds.push(await createRoomyMentor(ctx.db), await createRoomyMentor(ctx.db));
    [staff, mentor, otherMentor, reviewer] = await Promise.all([
      signedInUser(app, ctx.db, 'staff'),
      signedInUser(app, ctx.db, 'mentor', { mentorId: mentorIds[0] }),
      signedInUser(app, ctx.db, 'mentor', { mentorId: mentorIds[1] }),
      signedInUser(app, ctx.db, 'reviewer'),
    ]);
  });

  afterAll(async () => {
    const users = [staff, mentor, otherMentor, reviewer].filter(Boolean).map((u) => u.user.id);
    await ctx?.db.query('UPDATE users SET active = false WHERE id = ANY($1::uuid[])', [users]);
    await ctx?.db.query('UPDATE mentors SET active = false WHERE id = ANY($1::uuid[])', [
      mentorIds,
    ]);
    await app?.close();
    await ctx?.close();
  });

  it('delivers a proposal to the proposed mentor only, counts it unread until it is marked read', async () => {
    expect(await notificationsOf(mentor)).toEqual({
      items: [],
      page: 1,
      pageSize: 20,
      total: 0,
      unreadCount: 0,
    });
    const first = await submitProject(staff);
    const second = await submitProject(staff);
    for (const { projectId } of [first, second]) {
      await decideOk(staff, projectId, 'screening', bodyOf(d.accept));
      await decideOk(staff, projectId, 'mentor-assignment', { mentorId: mentorIds[0] });
    }

    const list = await eventually(async () => {
      const page = await notificationsOf(mentor);
      expect(page.items).toHaveLength(2);
      return page;
    });
    // Newest first.
    expect(list.items.map((n) => [n.kind, n.projectId, n.action, n.read])).toEqual([
      ['assignment_request', second.projectId, 'acceptAssignment', false],
      ['assignment_request', first.projectId, 'acceptAssignment', false],
    ]);
    expect(list.unreadCount).toBe(2);
    expect(await unreadCountOf(mentor)).toBe(2);
    expect((await notificationsOf(otherMentor)).items).toEqual([]);

    const [newest, older] = list.items;
    const one = await mentor.get(`/me/notifications/${older.notificationId}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(expect.objectContaining({ notificationId: older.notificationId }));

    const marked = await mentor.post(`/me/notifications/${older.notificationId}/read`, {});
    expect(marked.status).toBe(200);
    expect(marked.body).toEqual(expect.objectContaining({ read: true }));
    expect(await unreadCountOf(mentor)).toBe(1);
    const unreadOnly = await notificationsOf(mentor, { unread: 'true' });
    expect(unreadOnly.items.map((n) => n.notificationId)).toEqual([newest.notificationId]);
    // Marking it again changes nothing.
    const again = await mentor.post(`/me/notifications/${older.notificationId}/read`, {});
    expect(again.body.readAt).toBe(marked.body.readAt);

    const all = await mentor.post('/me/notifications/read-all', {});
    expect(all.status).toBe(200);
    expect(all.body).toEqual({ marked: 1, unreadCount: 0 });
    expect(await unreadCountOf(mentor)).toBe(0);
  });

  it("does not let another user read or mark someone's notification", async () => {
    const [notification] = (await notificationsOf(mentor)).items;
    await mentor.post('/me/notifications/read-all', {});
    await ctx.db.query('UPDATE notifications SET read_at = NULL WHERE id = $1', [
      notification.notificationId,
    ]);
    for (const who of [otherMentor, staff, reviewer]) {
      const read = await who.get(`/me/notifications/${notification.notificationId}`);
      const mark = await who.post(`/me/notifications/${notification.notificationId}/read`, {});
      expect({ role: who.user.role, read: read.status, mark: mark.status }).toEqual({
        role: who.user.role,
        read: 404,
        mark: 404,
      });
      expect(read.body.message).toBe(`notification ${notification.notificationId} not found`);
      // Marking all of one's own does not touch anyone else's.
      await who.post('/me/notifications/read-all', {});
    }
    expect(await unreadCountOf(mentor)).toBe(1);
    expect((await mentor.get('/me/notifications/not-an-id')).status).toBe(404);
  });

  it('keeps each user’s language and email preference', async () => {
    const initial = await mentor.get('/me/notification-preferences');
    expect(initial.status).toBe(200);
    expect(initial.body).toEqual({ language: 'zh', emailNotifications: true, email: null });

    const changed = await mentor.patch('/me/notification-preferences', {
      language: 'en',
      emailNotifications: false,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ language: 'en', emailNotifications: false, email: null });
    expect((await mentor.get('/me/notification-preferences')).body).toEqual(changed.body);
    const stored = await ctx.db.query<{ language: string; email_notifications: boolean }>(
      'SELECT language, email_notifications FROM users WHERE id = $1',
      [mentor.user.id],
    );
    expect(stored.rows[0]).toEqual({ language: 'en', email_notifications: false });
    // Someone else's stay as they were.
    expect((await otherMentor.get('/me/notification-preferences')).body.language).toBe('zh');

    const partial = await mentor.patch('/me/notification-preferences', {
      emailNotifications: true,
    });
    expect(partial.body).toEqual({ language: 'en', emailNotifications: true, email: null });
    const bad = await mentor.patch('/me/notification-preferences', { language: 'fr', x: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/language must be one of the following values: zh, en/);
    // A reviewer changes nothing of the center's, but may choose how to be told.
    const reviewers = await reviewer.patch('/me/notification-preferences', { language: 'en' });
    expect(reviewers.status).toBe(200);
  });
});
