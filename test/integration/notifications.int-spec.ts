import { setTimeout as sleep } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import type { NotificationRequest } from '@app/workflows/activities.types';
import { NotificationOutboxActivities } from '../../apps/worker/src/activities/notification.activities';
import { NotificationDispatcher } from '../../apps/worker/src/notifications/notification-dispatcher.service';
import { freePort } from '../../infra/dev/free-port';
import { eventually } from '../support/eventually';
import { uniqueSuffix } from '../support/fixtures';
import { IntegrationContext, openIntegrationContext } from '../support/integration-context';
import { ReceivedMail, SmtpTestServer, smtpTestServer } from '../support/smtp-test-server';

const RETRY_BASE_MS = 800;
const MAX_ATTEMPTS = 4;

interface OutboxRow {
  channel: string;
  user_id: string | null;
  email: string | null;
  language: string;
  status: string;
  attempts: number;
  last_error: string | null;
  next_attempt_at: Date;
  subject: string;
  body: string;
}

/**
 * Notifications from the outbox to people: in-app rows per user, emails over a real SMTP server
 * the test runs on loopback, retries while the server is down, never one message twice.
 */
describe('notifications: outbox, in-app list and SMTP delivery', () => {
  const suffix = uniqueSuffix();
  const address = (who: string): string => `${who}.${suffix}@center.example`;
  let smtp: SmtpTestServer;
  let ctx: IntegrationContext;
  let outbox: NotificationOutboxActivities;
  let dispatcher: NotificationDispatcher;
  const people: Record<string, string> = {};

  beforeAll(async () => {
    smtp = smtpTestServer(await freePort());
    await smtp.listen();
    ctx = await openIntegrationContext('notifications', {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      SMTP_TIMEOUT_MS: '3000',
      NOTIFICATION_RETRY_BASE_MS: String(RETRY_BASE_MS),
      NOTIFICATION_RETRY_MAX_MS: String(2 * RETRY_BASE_MS),
      NOTIFICATION_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
      NOTIFICATION_DISPATCH_INTERVAL_MS: '100',
      // The database is shared: earlier suites leave emails pending (their SMTP servers are gone),
      // and a pass takes the oldest due first. With the default batch of 50 a pass could end before
      // it reached this suite's emails, so each pass here takes as many as the config allows.
      NOTIFICATION_DISPATCH_BATCH: '1000',
    });
    outbox = ctx.worker.app.get(NotificationOutboxActivities);
    dispatcher = ctx.worker.app.get(NotificationDispatcher);

    const mentor = await insertMentor('Mentor With Account', address('mentor-mail-record'));
    const mentorNoAccount = await insertMentor('Mentor Without Account', address('mentor-only'));
    people.mentor = mentor;
    people.mentorNoAccount = mentorNoAccount;
    people.staffZh = await insertUser('staff-zh', 'staff', 'zh', address('staff-zh'));
    people.staffEn = await insertUser('staff-en', 'staff', 'en', address('staff-en'));
    people.adminNoEmail = await insertUser('admin-quiet', 'admin', 'zh', address('admin-quiet'), {
      emailNotifications: false,
    });
    people.reviewer = await insertUser('reviewer', 'reviewer', 'en', address('reviewer'));
    people.formerStaff = await insertUser('former', 'staff', 'en', address('former'), {
      active: false,
    });
    people.mentorUser = await insertUser('mentor-user', 'mentor', 'en', address('mentor-user'), {
      mentorId: mentor,
    });
  });

  afterAll(async () => {
    // The database is shared by every suite: later suites' staff notifications are not ours.
    await ctx?.db.query(`UPDATE users SET active = false WHERE username LIKE '%-' || $1`, [suffix]);
    await ctx?.db.query(`UPDATE mentors SET active = false WHERE name LIKE '%' || $1`, [suffix]);
    await ctx?.close();
    await smtp?.close();
  });

  async function insertMentor(name: string, email: string): Promise<string> {
    const result = await ctx.db.query<{ id: string }>(
      `INSERT INTO mentors (name, organisation, capacity, email)
       VALUES ($1, $2, 3, $3) RETURNING id`,
      [`${name} ${suffix}`, `Org ${suffix}`, email],
    );
    return result.rows[0].id;
  }

  async function insertUser(
    name: string,
    role: string,
    language: 'zh' | 'en',
    email: string,
    options: { emailNotifications?: boolean; active?: boolean; mentorId?: string } = {},
  ): Promise<string> {
    const result = await ctx.db.query<{ id: string }>(
      `INSERT INTO users (username, display_name, email, role, mentor_id, language,
         email_notifications, active)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        `${name}-${suffix}`,
        name,
        email,
        role,
        options.mentorId ?? null,
        language,
        options.emailNotifications ?? true,
        options.active ?? true,
      ],
    );
    return result.rows[0].id;
  }

  function request(overrides: Partial<NotificationRequest> = {}): NotificationRequest {
    const projectId = randomUUID();
    return {
      notificationKey: `project-${projectId}:reminder:acceptAssignment:0.5`,
      projectId,
      projectTitle: `智能农业传感器 ${suffix}`,
      kind: 'reminder',
      recipients: [
        { role: 'staff' },
        { mentorId: people.mentor },
        { email: address('escalation') },
      ],
      action: 'acceptAssignment',
      dueAt: '2025-02-05T02:00:00.000Z',
      fraction: 0.5,
      ...overrides,
    };
  }

  async function rows(notificationKey: string): Promise<OutboxRow[]> {
    const result = await ctx.db.query<OutboxRow>(
      `SELECT channel, user_id, email, language, status, attempts, last_error, next_attempt_at,
              subject, body
         FROM notifications WHERE notification_key = $1 ORDER BY channel, email, user_id`,
      [notificationKey],
    );
    return result.rows;
  }

  /** Messages for one notification to this suite's people (other suites' staff may get it too). */
  function mailFor(notificationKey: string): ReceivedMail[] {
    return smtp.received.filter(
      (mail) =>
        mail.notificationKey === notificationKey && mail.to.some((to) => to.includes(suffix)),
    );
  }

  it('writes in-app rows per user and email rows per address, once, in each person’s language', async () => {
    const reminder = request();
    await outbox.enqueueNotification(reminder);
    await outbox.enqueueNotification(reminder); // a retried activity

    const written = await rows(reminder.notificationKey);
    const inApp = written.filter((row) => row.channel === 'in_app' && row.user_id !== null);
    const mine = new Set(Object.values(people));
    expect(
      inApp
        .filter((row) => mine.has(row.user_id ?? ''))
        .map((row) => [row.user_id, row.language, row.status]),
    ).toEqual(
      expect.arrayContaining([
        [people.staffZh, 'zh', 'sent'],
        [people.staffEn, 'en', 'sent'],
        [people.adminNoEmail, 'zh', 'sent'],
        [people.mentorUser, 'en', 'sent'],
      ]),
    );
    expect(inApp.filter((row) => mine.has(row.user_id ?? ''))).toHaveLength(4);
    const emails = written.filter((row) => row.channel === 'email' && row.email?.includes(suffix));
    expect(emails.map((row) => [row.email, row.language, row.status]).sort()).toEqual(
      [
        [address('escalation'), 'zh', 'pending'],
        [address('mentor-user'), 'en', 'pending'],
        [address('staff-en'), 'en', 'pending'],
        [address('staff-zh'), 'zh', 'pending'],
      ].sort(),
    );
    const staffEn = inApp.find((row) => row.user_id === people.staffEn);
    expect(staffEn?.subject).toContain(`智能农业传感器 ${suffix}`);
    expect(staffEn?.body).toContain('2025-02-05 10:00');
  });

  it('delivers the emails to a real SMTP server: right people, project, deadline and language', async () => {
    const reminder = request();
    await outbox.enqueueNotification(reminder);
    const toMentorWithoutAccount = request({
      kind: 'assignment_request',
      recipients: [{ mentorId: people.mentorNoAccount }, { userId: people.staffEn }],
      fraction: undefined,
    });
    await outbox.enqueueNotification(toMentorWithoutAccount);

    expect(await dispatcher.dispatchDue()).toBeGreaterThanOrEqual(6);

    const received = mailFor(reminder.notificationKey);
    expect(received.map((mail) => mail.to).sort()).toEqual(
      [
        [address('escalation')],
        [address('mentor-user')],
        [address('staff-en')],
        [address('staff-zh')],
      ].sort(),
    );
    const to = (who: string): ReceivedMail =>
      received.find((mail) => mail.to[0] === address(who)) as ReceivedMail;
    for (const mail of received) {
      expect(mail.subject).toContain(`智能农业传感器 ${suffix}`);
      expect(mail.text).toContain('2025-02-05 10:00');
    }
    expect(to('staff-zh').subject).toContain('提醒');
    expect(to('staff-zh').text).toContain('接受或婉拒导师指派');
    expect(to('staff-zh').text).toContain('50%');
    expect(to('staff-zh').text).toContain('北京时间');
    expect(to('staff-en').subject).toContain('Reminder');
    expect(to('staff-en').text).toContain('accept or decline the mentor assignment');
    expect(to('staff-en').text).toContain('Beijing time');
    expect(to('mentor-user').subject).toContain('Reminder');
    // An address of no user: the center's default language.
    expect(to('escalation').subject).toContain('提醒');

    const assignment = mailFor(toMentorWithoutAccount.notificationKey);
    expect(assignment.map((mail) => mail.to).sort()).toEqual(
      [[address('mentor-only')], [address('staff-en')]].sort(),
    );
    expect(assignment.find((m) => m.to[0] === address('mentor-only'))?.subject).toContain(
      '导师指派',
    );

    const settled = await rows(reminder.notificationKey);
    for (const row of settled.filter((r) => r.channel === 'email' && r.email?.includes(suffix))) {
      expect([row.status, row.attempts, row.last_error]).toEqual(['sent', 1, null]);
    }

    // Nothing is sent twice: a second pass finds nothing of ours.
    const before = smtp.received.length;
    await dispatcher.dispatchDue();
    expect(mailFor(reminder.notificationKey)).toHaveLength(4);
    expect(smtp.received.slice(before).filter((m) => m.to.some((t) => t.includes(suffix)))).toEqual(
      [],
    );
  });

  it('retries with back-off while the SMTP server is down, then delivers each email exactly once', async () => {
    await smtp.close();
    const escalation = request({
      kind: 'escalation',
      recipients: [{ role: 'staff' }, { email: address('escalation') }],
      fraction: undefined,
      notificationKey: `project-${randomUUID()}:overdue:screenApplication`,
      action: 'screenApplication',
    });
    await outbox.enqueueNotification(escalation);
    const ours = async (): Promise<OutboxRow[]> =>
      (await rows(escalation.notificationKey)).filter(
        (row) => row.channel === 'email' && row.email?.includes(suffix),
      );

    // First attempt: connection refused, each email scheduled again after the base delay.
    const firstPassAt = Date.now();
    expect(await dispatcher.dispatchDue()).toBe(0);
    let pending = await ours();
    expect(pending).toHaveLength(3);
    for (const row of pending) {
      expect([row.status, row.attempts]).toEqual(['pending', 1]);
      expect(row.last_error).toMatch(/ECONNREFUSED|connect/i);
      expect(row.next_attempt_at.getTime()).toBeGreaterThanOrEqual(firstPassAt + RETRY_BASE_MS / 2);
    }
    // Not due yet: an immediate pass leaves them alone.
    await dispatcher.dispatchDue();
    expect((await ours()).map((row) => row.attempts)).toEqual([1, 1, 1]);

    // Second attempt, still down: the delay doubles.
    await eventually(async () => {
      await dispatcher.dispatchDue();
      expect((await ours()).map((row) => row.attempts)).toEqual([2, 2, 2]);
    }, 10_000);
    pending = await ours();
    for (const row of pending) expect(row.status).toBe('pending');

    // The server is back, and refuses one message once more with a temporary failure.
    await smtp.listen();
    smtp.refuseOnce(address('staff-zh'));
    await eventually(async () => {
      await dispatcher.dispatchDue();
      expect((await ours()).map((row) => row.status)).toEqual(['sent', 'sent', 'sent']);
    }, 15_000);

    const received = mailFor(escalation.notificationKey);
    expect(received.map((mail) => mail.to[0]).sort()).toEqual(
      [address('escalation'), address('staff-en'), address('staff-zh')].sort(),
    );
    expect(new Set(received.map((mail) => mail.messageId)).size).toBe(3);
    expect(received.find((m) => m.to[0] === address('staff-zh'))?.subject).toContain('升级处理');
    const attempts = Object.fromEntries((await ours()).map((row) => [row.email, row.attempts]));
    expect(attempts).toEqual({
      [address('escalation')]: 3,
      [address('staff-en')]: 3,
      [address('staff-zh')]: 4, // refused with 451 once more
    });

    await dispatcher.dispatchDue();
    expect(mailFor(escalation.notificationKey)).toHaveLength(3);
  });

  it('gives up after the last attempt and marks the email failed', async () => {
    await smtp.close();
    const lost = request({
      recipients: [{ email: address('unreachable') }],
      notificationKey: `project-${randomUUID()}:stalled`,
      kind: 'stalled',
    });
    await outbox.enqueueNotification(lost);
    await eventually(async () => {
      await dispatcher.dispatchDue();
      const [row] = (await rows(lost.notificationKey)).filter((r) => r.channel === 'email');
      expect([row.status, row.attempts]).toEqual(['failed', MAX_ATTEMPTS]);
      expect(row.last_error).toBeTruthy();
    }, 20_000);
    await smtp.listen();
    await dispatcher.dispatchDue();
    expect(mailFor(lost.notificationKey)).toEqual([]);
  });

  it('dispatches on its own once the worker starts the loop, and stops with it', async () => {
    const assignment = request({
      kind: 'assignment_request',
      recipients: [{ mentorId: people.mentor }],
      notificationKey: `project-${randomUUID()}:assignment`,
    });
    dispatcher.start();
    try {
      await outbox.enqueueNotification(assignment);
      await eventually(() => expect(mailFor(assignment.notificationKey)).toHaveLength(1), 5_000);
    } finally {
      await dispatcher.stop();
    }
    const late = request({
      recipients: [{ email: address('after-stop') }],
      notificationKey: `project-${randomUUID()}:after-stop`,
    });
    await outbox.enqueueNotification(late);
    await sleep(500);
    expect(mailFor(late.notificationKey)).toEqual([]);
    await dispatcher.dispatchDue();
    expect(mailFor(late.notificationKey)).toHaveLength(1);
  });
});
