import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_POLICY, Policy } from '@app/domain';
import { NotificationDispatcher } from '../../apps/worker/src/notifications/notification-dispatcher.service';
import { freePort } from '../../infra/dev/free-port';
import { eventually } from '../support/eventually';
import { d, sampleApplication, staff, uniqueSuffix } from '../support/fixtures';
import { IntegrationContext, openIntegrationContext } from '../support/integration-context';
import { decide, ProjectHandle, refusalOf, startProject, stateOf } from '../support/project-driver';
import { SmtpTestServer, smtpTestServer } from '../support/smtp-test-server';

/** Limits in seconds, so the deadlines pass while the test watches. */
function policyInSeconds(suffix: string, overrides: Partial<Policy> = {}): Policy {
  return {
    ...DEFAULT_POLICY,
    screeningLimit: { seconds: 6 },
    mentorAcceptanceLimit: { seconds: 4 },
    planReviewLimit: { seconds: 60 },
    stallLimit: { seconds: 3600 },
    reminderFractions: [0.5, 0.8],
    maxFailedMatches: 2,
    escalationContact: `escalation.${suffix}@center.example`,
    ...overrides,
  };
}

interface NotificationRow {
  kind: string;
  channel: string;
  user_id: string | null;
  email: string | null;
  subject: string;
  body: string;
  status: string;
}

describe('time and people: deadlines, reminders, escalation, matching', () => {
  const suffix = uniqueSuffix();
  let smtp: SmtpTestServer;
  let ctx: IntegrationContext;
  let dispatcher: NotificationDispatcher;
  let staffUserId: string;
  const mentors: Record<'x' | 'y' | 'z' | 'conflicted' | 'single', string> = {
    x: '',
    y: '',
    z: '',
    conflicted: '',
    single: '',
  };
  const mentorUsers: Record<string, string> = {};

  async function insertMentor(name: string, organisation: string, capacity = 50): Promise<string> {
    const mentor = await ctx.db.query<{ id: string }>(
      `INSERT INTO mentors (name, organisation, expertise_tags, capacity)
       VALUES ($1, $2, '{robotics,optics}', $3) RETURNING id`,
      [`${name} ${suffix}`, organisation, capacity],
    );
    const mentorId = mentor.rows[0].id;
    const user = await ctx.db.query<{ id: string }>(
      `INSERT INTO users (username, display_name, email, role, mentor_id, language)
       VALUES ($1, $2, $3, 'mentor', $4, 'en') RETURNING id`,
      [
        `${name.toLowerCase()}-${suffix}`,
        name,
        `${name.toLowerCase()}.${suffix}@center.example`,
        mentorId,
      ],
    );
    mentorUsers[mentorId] = user.rows[0].id;
    return mentorId;
  }

  async function notificationsOf(projectId: string): Promise<NotificationRow[]> {
    const rows = await ctx.db.query<NotificationRow>(
      `SELECT kind, channel, user_id, email, subject, body, status FROM notifications
        WHERE project_id = $1 ORDER BY created_at`,
      [projectId],
    );
    return rows.rows;
  }

  beforeAll(async () => {
    smtp = smtpTestServer(await freePort());
    await smtp.listen();
    ctx = await openIntegrationContext('deadlines', {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      NOTIFICATION_DISPATCH_INTERVAL_MS: '200',
    });
    dispatcher = ctx.worker.app.get(NotificationDispatcher);
    const staffUser = await ctx.db.query<{ id: string }>(
      `INSERT INTO users (username, display_name, email, role, language)
       VALUES ($1, 'Deadline Staff', $2, 'staff', 'zh') RETURNING id`,
      [`deadline-staff-${suffix}`, `deadline-staff.${suffix}@center.example`],
    );
    staffUserId = staffUser.rows[0].id;
    mentors.x = await insertMentor('Xu', 'Northwind Robotics');
    mentors.y = await insertMentor('Yang', 'Contoso Capital');
    mentors.z = await insertMentor('Zhao', 'Litware Labs');
    // The sample team has a member working for Sunny Optics Ltd: a conflict of interest.
    mentors.conflicted = await insertMentor('Qian', 'Sunny Optics Ltd');
    mentors.single = await insertMentor('Sun', 'Tailspin Ventures', 1);
  });

  afterAll(async () => {
    // The database is shared: this suite's people must not receive later suites' notifications.
    await ctx?.db.query(`UPDATE users SET active = false WHERE username LIKE '%-' || $1`, [suffix]);
    await ctx?.db.query(`UPDATE mentors SET active = false WHERE name LIKE '% ' || $1`, [suffix]);
    await ctx?.close();
    await smtp?.close();
  });

  async function newProject(policy: Policy): Promise<{ projectId: string; handle: ProjectHandle }> {
    return startProject(
      ctx.client,
      ctx.config.TEMPORAL_TASK_QUEUE,
      sampleApplication(uniqueSuffix()),
      policy,
    );
  }

  it('reminds at 50% and 80% and escalates at 100%, in the app and by email', async () => {
    const policy = policyInSeconds(suffix);
    const { projectId, handle } = await newProject(policy);
    const due = await eventually(async () => {
      const pending = (await stateOf(handle)).state.pendingActions[0];
      expect(pending).toEqual(expect.objectContaining({ action: 'screenApplication' }));
      expect(pending.dueAt).toBeDefined();
      return pending.dueAt!;
    });
    const overdue = await eventually(async () => {
      const state = (await stateOf(handle)).state;
      expect(state.flags).toEqual(
        expect.objectContaining({ needsAttention: true, reasons: ['overdue:screenApplication'] }),
      );
      return state;
    }, 15_000);
    expect(overdue.pendingActions[0].dueAt).toBe(due);

    // The flag is set first; the escalation's notifications are written right after it.
    const ours = await eventually(async () => {
      const rows = (await notificationsOf(projectId)).filter(
        (row) => row.user_id === staffUserId || row.email === policy.escalationContact,
      );
      expect(
        rows.map((row) => [row.kind, row.channel, row.user_id ? 'staff' : 'escalation']),
      ).toEqual([
        ['reminder', 'in_app', 'staff'],
        ['reminder', 'email', 'staff'],
        ['reminder', 'in_app', 'staff'],
        ['reminder', 'email', 'staff'],
        ['escalation', 'in_app', 'staff'],
        ['escalation', 'email', 'staff'],
        ['escalation', 'email', 'escalation'],
      ]);
      return rows;
    });
    const title = (await stateOf(handle)).state.application.title;
    for (const row of ours) expect(row.body).toContain(title);

    await eventually(async () => {
      // A pass takes at most a batch, oldest due first, and other suites leave emails pending in
      // the shared database: pass again until ours are through.
      await dispatcher.dispatchDue();
      // Staff created by other suites in the shared database get their copies too: look at ours.
      const ours = [`deadline-staff.${suffix}@center.example`, policy.escalationContact];
      const mails = smtp.received.filter(
        (mail) =>
          mail.notificationKey.includes(handle.workflowId) &&
          mail.to.some((to) => ours.includes(to)),
      );
      const to = mails.flatMap((mail) => mail.to).sort();
      expect(to).toEqual(
        [
          `deadline-staff.${suffix}@center.example`,
          `deadline-staff.${suffix}@center.example`,
          `deadline-staff.${suffix}@center.example`,
          policy.escalationContact,
        ].sort(),
      );
      for (const mail of mails) expect(mail.text).toContain(title);
    });
    // The deadline in the text is Beijing time (UTC+8).
    const beijing = new Date(Date.parse(due) + 8 * 3600_000).toISOString().slice(11, 16);
    const escalationMail = smtp.received.find((mail) => mail.to.includes(policy.escalationContact));
    expect(escalationMail?.text).toContain(beijing);

    // Someone acting clears the flag.
    await decide(handle, staff, d.accept);
    expect((await stateOf(handle)).state.flags.needsAttention).toBe(false);
  });

  it('rematches after a decline and a time-out, flags after the maximum, clears on a new assignment', async () => {
    const { handle } = await newProject(policyInSeconds(suffix));
    await decide(handle, staff, d.accept);
    const ranking = await eventually(async () => {
      const view = await stateOf(handle);
      expect(view.ranking).toBeDefined();
      return view.ranking!;
    });
    expect(ranking.candidates.map((candidate) => candidate.mentorId)).toEqual(
      expect.arrayContaining([mentors.x, mentors.y]),
    );

    await decide(handle, staff, d.assign(mentors.x));
    const mentorX = {
      userId: mentorUsers[mentors.x],
      role: 'mentor' as const,
      mentorId: mentors.x,
    };
    await decide(handle, mentorX, { type: 'declineAssignment', reason: 'Travelling this month.' });
    const afterDecline = await eventually(async () => {
      const view = await stateOf(handle);
      expect(view.ranking?.excluded).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ mentorId: mentors.x, reason: 'declined' }),
        ]),
      );
      return view;
    });
    expect(afterDecline.ranking?.candidates.map((c) => c.mentorId)).not.toContain(mentors.x);
    expect((await refusalOf(handle, staff, d.assign(mentors.x))).refusal.rule).toBe(
      'mentor-excluded',
    );

    // Mentor Y never answers: after 4 s the proposal lapses and Y is excluded too.
    await decide(handle, staff, d.assign(mentors.y));
    const timedOut = await eventually(async () => {
      const state = (await stateOf(handle)).state;
      expect(state.matching.excludedMentors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ mentorId: mentors.y, reason: 'timed_out' }),
        ]),
      );
      return state;
    }, 15_000);
    expect(timedOut.matching.failedMatches).toBe(2);
    expect(timedOut.flags.needsAttention).toBe(true);
    expect(timedOut.flags.reasons).toEqual(expect.arrayContaining(['matching-failed-repeatedly']));
    expect(timedOut.pendingActions).toEqual([expect.objectContaining({ action: 'assignMentor' })]);

    await decide(handle, staff, d.assign(mentors.z));
    const reassigned = (await stateOf(handle)).state;
    expect(reassigned.flags).toEqual(
      expect.objectContaining({ needsAttention: false, reasons: [] }),
    );
    expect(reassigned.matching.proposedMentorId).toBe(mentors.z);
  });

  it('never proposes a conflicted mentor and says why', async () => {
    const { handle } = await newProject(policyInSeconds(suffix));
    await decide(handle, staff, d.accept);
    const view = await eventually(async () => {
      const current = await stateOf(handle);
      expect(current.ranking).toBeDefined();
      return current;
    });
    const excluded = view.ranking!.excluded.find((entry) => entry.mentorId === mentors.conflicted);
    expect(excluded).toEqual(expect.objectContaining({ reason: 'conflict_of_interest' }));
    expect(excluded?.detail).toMatch(/Sunny Optics/);
    expect(view.ranking!.candidates.map((c) => c.mentorId)).not.toContain(mentors.conflicted);
    const scores = view.ranking!.candidates.map((candidate) => candidate.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const candidate of view.ranking!.candidates) {
      expect(candidate.parts.tagOverlap + candidate.parts.spareCapacity).toBe(candidate.score);
    }
    const refusal = await refusalOf(handle, staff, d.assign(mentors.conflicted));
    expect(refusal.refusal.rule).toBe('mentor-excluded');
  });

  it('gives a mentor’s last place to one of two projects racing for it', async () => {
    const policy = policyInSeconds(suffix, { mentorAcceptanceLimit: { seconds: 120 } });
    const racers = [await newProject(policy), await newProject(policy)];
    for (const { handle } of racers) {
      await decide(handle, staff, d.accept);
      await decide(handle, staff, d.assign(mentors.single));
    }
    const sun = {
      userId: mentorUsers[mentors.single],
      role: 'mentor' as const,
      mentorId: mentors.single,
    };
    const outcomes = await Promise.allSettled(
      racers.map(({ handle }, i) => decide(handle, sun, d.acceptAssignment, `race-${suffix}-${i}`)),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const loserIndex = outcomes.findIndex((o) => o.status === 'rejected');
    const loser = racers[loserIndex];
    const again = await refusalOf(
      loser.handle,
      sun,
      d.acceptAssignment,
      `race-${suffix}-${loserIndex}`,
    );
    expect(again).toEqual({
      type: 'RuleRefused',
      refusal: expect.objectContaining({ rule: 'no-spare-capacity', field: 'mentorId' }),
    });
    const loserState = (await stateOf(loser.handle)).state;
    expect(loserState.matching.proposedMentorId).toBeUndefined();
    expect(loserState.flags.reasons).toContain('mentor-at-capacity');
    // The mentor at capacity is now excluded from the loser's ranking, with the reason.
    const ranking = await eventually(async () => {
      const current = await stateOf(loser.handle);
      const entry = current.ranking?.excluded.find((e) => e.mentorId === mentors.single);
      expect(entry?.reason).toBe('no_spare_capacity');
      return current.ranking;
    });
    expect(ranking?.candidates.map((c) => c.mentorId)).not.toContain(mentors.single);
  });

  it('pauses every timer on hold and resumes with the remaining time', async () => {
    const { handle } = await newProject(
      policyInSeconds(suffix, { screeningLimit: { seconds: 6 } }),
    );
    const due = await eventually(async () => {
      const pending = (await stateOf(handle)).state.pendingActions[0];
      expect(pending.dueAt).toBeDefined();
      return Date.parse(pending.dueAt!);
    });
    await decide(handle, staff, d.hold);
    const heldAt = Date.now();
    // Past the original deadline while on hold: nothing fires.
    await sleep(Math.max(due - Date.now(), 0) + 2_000);
    const held = (await stateOf(handle)).state;
    expect(held.status).toBe('ON_HOLD');
    expect(held.flags.needsAttention).toBe(false);
    expect((await stateOf(handle)).timing.tracks[0]?.remindersSent ?? []).toEqual([]);

    await decide(handle, staff, d.resume);
    const pausedMs = Date.now() - heldAt;
    const resumed = (await stateOf(handle)).state;
    const newDue = Date.parse(resumed.pendingActions[0].dueAt!);
    expect(newDue - due).toBeGreaterThanOrEqual(pausedMs - 1_000);
    expect(newDue - due).toBeLessThanOrEqual(pausedMs + 1_000);
    expect(resumed.flags.needsAttention).toBe(false);
    const overdue = await eventually(async () => {
      const state = (await stateOf(handle)).state;
      expect(state.flags.reasons).toContain('overdue:screenApplication');
      return Date.now();
    }, 15_000);
    expect(overdue).toBeGreaterThanOrEqual(newDue - 500);
  });
});
