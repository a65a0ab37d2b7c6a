import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { bodyOf, decideOk, submitProject } from '../support/api-projects';
import { eventually } from '../support/eventually';
import { d, uniqueSuffix } from '../support/fixtures';
import { HttpAs, signedInUser } from '../support/http-client';
import { IntegrationContext, openIntegrationContext } from '../support/integration-context';
import { bootApi } from '../support/test-api';
import { uploadedPlan } from '../support/plan-uploads';

/**
 * The assigned mentor of a project that another mentor declined, and for which a third mentor
 * was excluded for a conflict of interest, reads everything a mentor may read of it: nothing
 * names another mentor (id, name, organisation), nor shows their load or their conflict.
 */
describe('HTTP: a mentor sees only their own', () => {
  let ctx: IntegrationContext;
  let app: NestFastifyApplication;
  let staff: HttpAs;
  let declined: HttpAs;
  let assigned: HttpAs;
  let projectId: string;
  const tag = uniqueSuffix();

  const mentorRecord = async (name: string, conflicts: string[] = []): Promise<string> =>
    (
      await ctx.db.query<{ id: string }>(
        `INSERT INTO mentors (name, organisation, expertise_tags, declared_conflicts, capacity)
         VALUES ($1, $2, '{robotics,optics}', $3, 50) RETURNING id`,
        [`${name} ${tag}`, `${name} Holdings ${tag}`, conflicts],
      )
    ).rows[0].id;

  beforeAll(async () => {
    ctx = await openIntegrationContext('mentor-privacy');
    app = await bootApi(ctx.config);
    const declinedId = await mentorRecord('Declining Mentor');
    const assignedId = await mentorRecord('Assigned Mentor');
    // Declares a conflict with the team member's affiliation in the sample application.
    await mentorRecord('Conflicted Mentor', ['Sunny Optics Ltd']);
    [staff, declined, assigned] = await Promise.all([
      signedInUser(app, ctx.db, 'staff'),
      signedInUser(app, ctx.db, 'mentor', { mentorId: declinedId }),
      signedInUser(app, ctx.db, 'mentor', { mentorId: assignedId }),
    ]);
    ({ projectId } = await submitProject(staff));
    await decideOk(staff, projectId, 'screening', bodyOf(d.accept));
    await decideOk(staff, projectId, 'mentor-assignment', { mentorId: declinedId });
    await decideOk(declined, projectId, 'mentor-assignment/decline', {
      reason: 'No time this term.',
    });
    await decideOk(staff, projectId, 'mentor-assignment', { mentorId: assignedId });
    await decideOk(assigned, projectId, 'mentor-assignment/accept', { comment: 'Glad to.' });
    await decideOk(staff, projectId, 'plan-versions', uploadedPlan(1));
    await eventually(async () => {
      const inbox = await assigned.get('/me/inbox');
      expect(JSON.stringify(inbox.body)).toContain(projectId);
    });
  }, 60_000);
  afterAll(async () => {
    await ctx?.db.query('UPDATE users SET active = false WHERE id = ANY($1)', [
      [staff, declined, assigned].filter(Boolean).map((who) => who.user.id),
    ]);
    await app?.close();
    await ctx?.close();
  });

  it('names no other mentor in the detail, timeline (JSON and CSV) and inbox', async () => {
    const staffTimeline = await staff.get(`/projects/${projectId}/timeline`);
    const others = (
      await ctx.db.query<{ id: string; name: string; organisation: string }>(
        'SELECT id::text AS id, name, organisation FROM mentors WHERE id <> $1',
        [assigned.user.mentorId],
      )
    ).rows;
    // Staff see the other mentors, so the search below has something to miss.
    const forStaff = JSON.stringify(staffTimeline.body);
    const involved = others.filter((mentor) => mentor.name.endsWith(tag));
    expect(involved).toHaveLength(2);
    for (const mentor of involved) expect(forStaff).toContain(mentor.id);

    const responses = {
      detail: await assigned.get(`/projects/${projectId}`),
      timeline: await assigned.get(`/projects/${projectId}/timeline`),
      csv: await assigned.get(`/projects/${projectId}/timeline`, { format: 'csv' }),
      inbox: await assigned.get('/me/inbox'),
    };
    for (const [what, response] of Object.entries(responses)) {
      expect({ what, status: response.status }).toEqual({ what, status: 200 });
      const text = what === 'csv' ? response.text : JSON.stringify(response.body);
      const found = others.flatMap((mentor) =>
        [mentor.id, mentor.name, ...(involved.includes(mentor) ? [mentor.organisation] : [])]
          .filter((value) => text.includes(value))
          .map((value) => `${what}: ${value}`),
      );
      expect(found).toEqual([]);
    }
    const detail = responses.detail.body;
    expect(detail.scope).toBe('full');
    expect(detail.state.matching.assignedMentorId).toBe(assigned.user.mentorId);
    expect(detail.ranking).toBeUndefined();
    expect(detail.state.application.title).toBeTruthy();
    // Their own events are all there.
    const types = (responses.timeline.body.entries as { type: string }[]).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['acceptAssignment', 'submitPlanVersion']));
    expect(types).not.toContain('mentorConflictRecorded');
    expect(types).not.toContain('declineAssignment');
  });

  it('refuses the raw history and its replay to mentors, their own project included', async () => {
    expect((await assigned.get(`/projects/${projectId}/history`)).status).toBe(403);
    expect((await assigned.get(`/projects/${projectId}/replay-check`)).status).toBe(403);
    expect((await staff.get(`/projects/${projectId}/history`)).status).toBe(200);
  });
});
