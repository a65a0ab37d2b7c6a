import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ProjectState } from '@app/domain';
import { stateQuery } from '@app/workflows/public-api';
import { bodyOf, decideOk, quiescentFootprint, submitProject } from '../support/api-projects';
import { d } from '../support/fixtures';
import { recordHistoryFixture } from '../support/history-fixtures';
import { createRoomyMentor, HttpAs, signedInUser } from '../support/http-client';
import { IntegrationContext, openIntegrationContext } from '../support/integration-context';
import { bootApi } from '../support/test-api';

/**
 * A note: staff or the assigned mentor write on a project. It lands in the timeline and the
 * audit trail and moves nothing else: no flag, no clock, no pending step.
 */
describe('HTTP: a note on a project (addNote)', () => {
  let ctx: IntegrationContext;
  let app: NestFastifyApplication;
  let staff: HttpAs;
  let reviewer: HttpAs;
  let decliner: HttpAs;
  let mentor: HttpAs;
  let declinerId: string;
  let mentorId: string;
  let projectId: string;
  let workflowId: string;

  const notes = {
    staff: '团队下周补交专利证书。',
    flagged: 'Called the team lead: they are still committed, "just busy".',
    mentor: 'Met the team; the plan will need a market section.',
  };

  async function settledState(): Promise<ProjectState & { stallFrom?: string }> {
    await quiescentFootprint(ctx, staff, projectId);
    const view = await ctx.client.workflow.getHandle(workflowId).query(stateQuery);
    return { ...view.state, stallFrom: view.timing.stall?.from };
  }

  beforeAll(async () => {
    // One failed proposal flags the project, so a flagged project is one decline away.
    ctx = await openIntegrationContext('add-note', {
      INCUBATION_POLICY: '{"maxFailedMatches":1}',
    });
    app = await bootApi(ctx.config);
    [declinerId, mentorId] = await Promise.all([
      createRoomyMentor(ctx.db, 'Declining Mentoring Ltd'),
      createRoomyMentor(ctx.db, 'Noting Mentoring Ltd'),
    ]);
    [staff, reviewer, decliner, mentor] = await Promise.all([
      signedInUser(app, ctx.db, 'staff'),
      signedInUser(app, ctx.db, 'reviewer'),
      signedInUser(app, ctx.db, 'mentor', { mentorId: declinerId }),
      signedInUser(app, ctx.db, 'mentor', { mentorId }),
    ]);
    ({ projectId, workflowId } = await submitProject(staff));
  });

  afterAll(async () => {
    await app?.close();
    await ctx?.close();
  });

  it('takes a staff note, answering like a decision and changing no stage or pending step', async () => {
    const before = await settledState();
    const response = await decideOk(staff, projectId, 'notes', { comment: notes.staff });
    expect(response.body).toEqual(
      expect.objectContaining({ type: 'addNote', accepted: true, stage: 'APPLICATION' }),
    );
    const after = await settledState();
    expect(after.version).toBe(before.version + 1);
    expect(after.pendingActions).toEqual(before.pendingActions);
    expect(after.lastDecisions.at(-1)).toEqual(
      expect.objectContaining({ type: 'addNote', comment: notes.staff }),
    );
  });

  it('neither clears needsAttention nor restarts the stall watch', async () => {
    await decideOk(staff, projectId, 'screening', bodyOf(d.accept));
    await decideOk(staff, projectId, 'mentor-assignment', { mentorId: declinerId });
    await decideOk(decliner, projectId, 'mentor-assignment/decline', { reason: 'No time.' });
    const flagged = await settledState();
    expect(flagged.flags.needsAttention).toBe(true);
    expect(flagged.stallFrom).toBe(flagged.lastDecisionAt);

    await decideOk(staff, projectId, 'notes', { comment: notes.flagged });
    const noted = await settledState();
    expect(noted.version).toBe(flagged.version + 1);
    expect(noted.flags).toEqual(flagged.flags);
    expect(noted.lastDecisionAt).toBe(flagged.lastDecisionAt);
    expect(noted.stallFrom).toBe(flagged.stallFrom);
    expect(noted.pendingActions).toEqual(flagged.pendingActions);
  });

  it('refuses a reviewer (403), a mentor only proposed (422), and an empty note (400)', async () => {
    const byReviewer = await reviewer.decide(projectId, 'notes', { comment: 'Audit remark.' });
    expect(byReviewer.status).toBe(403);
    await decideOk(staff, projectId, 'mentor-assignment', { mentorId });
    const byProposed = await mentor.decide(projectId, 'notes', { comment: 'Not mine yet.' });
    expect({ status: byProposed.status, rule: byProposed.body.rule }).toEqual({
      status: 422,
      rule: 'not-your-project',
    });
    const empty = await staff.decide(projectId, 'notes', { comment: ' ' });
    expect(empty.status).toBe(400);
    const missing = await staff.decide(projectId, 'notes', {});
    expect(missing.status).toBe(400);
  });

  it('takes a note by the assigned mentor; the same decisionId sent again changes nothing', async () => {
    await decideOk(mentor, projectId, 'mentor-assignment/accept', {});
    const decisionId = randomUUID();
    const first = await mentor.decide(projectId, 'notes', { comment: notes.mentor }, decisionId);
    expect(first.status).toBe(200);
    const once = await settledState();
    const again = await mentor.decide(projectId, 'notes', { comment: notes.mentor }, decisionId);
    expect(again.body).toEqual(first.body);
    expect((await settledState()).version).toBe(once.version);
    const reused = await mentor.decide(projectId, 'notes', { comment: 'Other.' }, decisionId);
    expect({ status: reused.status, rule: reused.body.rule }).toEqual({
      status: 422,
      rule: 'decision-id-reused',
    });
    // A running project's history holding notes, for the replay test.
    await recordHistoryFixture(ctx.client.workflow.getHandle(workflowId), 'notes-added');
  });

  it('shows every note in the timeline and the audit trail, with its author', async () => {
    const timeline = await reviewer.get(`/projects/${projectId}/timeline`);
    expect(timeline.status).toBe(200);
    const noted = (timeline.body.entries as Record<string, string | null>[])
      .filter((entry) => entry.type === 'addNote')
      .map((entry) => [entry.actorUserId, entry.comment]);
    expect(noted).toEqual([
      [staff.user.id, notes.staff],
      [staff.user.id, notes.flagged],
      [mentor.user.id, notes.mentor],
    ]);
    const audit = await ctx.db.query<{ note: string }>(
      `SELECT payload->>'note' AS note FROM audit_events
        WHERE project_id = $1 AND event_type = 'addNote' ORDER BY seq`,
      [projectId],
    );
    expect(audit.rows.map((row) => row.note)).toEqual([notes.staff, notes.flagged, notes.mentor]);
  });

  it('answers 409 on a closed project', async () => {
    await decideOk(staff, projectId, 'withdrawal', { reason: 'The team left.' });
    await ctx.client.workflow.getHandle(workflowId).result();
    const late = await staff.decide(projectId, 'notes', { comment: 'Too late.' });
    expect({ status: late.status, rule: late.body.rule }).toEqual({
      status: 409,
      rule: 'project-closed',
    });
  });
});
