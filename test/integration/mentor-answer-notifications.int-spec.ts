import {
  d,
  mentorA,
  mentorB,
  sampleApplication,
  staff,
  TEST_MENTORS,
  uniqueSuffix,
} from '../support/fixtures';
import { eventually } from '../support/eventually';
import { recordHistoryFixture } from '../support/history-fixtures';
import { IntegrationContext, openIntegrationContext } from '../support/integration-context';
import { driveTo } from '../support/pipeline-steps';
import { decide, startProject } from '../support/project-driver';

interface NotificationRow {
  kind: string;
  channel: string;
  email: string | null;
  subject: string;
  body: string;
}

/** The people a mentor's answer or a replacement concerns are told, in the app and by email. */
describe('project workflow: mentors and staff hear what concerns them', () => {
  let ctx: IntegrationContext;
  beforeAll(async () => {
    ctx = await openIntegrationContext('mentor-answers');
  });
  afterAll(() => ctx?.close());

  const notificationsOf = async (projectId: string, kind: string): Promise<NotificationRow[]> =>
    (
      await ctx.db.query<NotificationRow>(
        `SELECT kind, channel, email, subject, body FROM notifications
          WHERE project_id = $1 AND kind = $2 ORDER BY created_at`,
        [projectId, kind],
      )
    ).rows;

  it('tells staff of a decline (with its reason) and an acceptance, and the replacing mentor', async () => {
    const { projectId, handle } = await startProject(
      ctx.client,
      ctx.config.TEMPORAL_TASK_QUEUE,
      sampleApplication(uniqueSuffix()),
    );
    const replacement = (
      await ctx.db.query<{ id: string; email: string }>(
        `INSERT INTO mentors (name, organisation, expertise_tags, capacity, email)
         VALUES ($1, 'Replacement Partners', '{optics}', 20, $2) RETURNING id, email`,
        [`Replacing Mentor ${uniqueSuffix()}`, `replacing.${uniqueSuffix()}@mentors.example`],
      )
    ).rows[0];
    // Someone on the staff to tell (the shared database may hold no other).
    await ctx.db.query(
      `INSERT INTO users (username, display_name, role, password_hash, email)
       VALUES ($1, 'Staff To Tell', 'staff', 'not-a-password', $2)`,
      [`staff-told-${uniqueSuffix()}`, `staff.told.${uniqueSuffix()}@center.example`],
    );
    await driveTo(handle, 'MENTOR_MATCHING');
    await decide(handle, staff, d.assign(TEST_MENTORS.a.id));
    await decide(handle, mentorA, { type: 'declineAssignment', reason: 'Abroad until spring.' });
    await decide(handle, staff, d.assign(TEST_MENTORS.b.id));
    await decide(handle, mentorB, d.acceptAssignment);
    await decide(handle, staff, {
      type: 'replaceMentor',
      mentorId: replacement.id,
      reason: 'Mentor B changed jobs.',
    });

    const declined = await eventually(async () => {
      const rows = await notificationsOf(projectId, 'assignment_declined');
      expect(rows.length).toBeGreaterThan(0);
      return rows;
    });
    expect(declined.every((row) => row.body.includes('Abroad until spring.'))).toBe(true);
    expect((await notificationsOf(projectId, 'assignment_accepted')).length).toBeGreaterThan(0);
    expect(await notificationsOf(projectId, 'mentor_replacement')).toEqual([
      expect.objectContaining({ channel: 'email', email: replacement.email }),
    ]);
    await recordHistoryFixture(handle, 'mentor-answers-and-replacement-told');
  });
});
