import { randomUUID } from 'node:crypto';
import { Actor, matchingProjectOf, MentorRanking, rankMentors } from '@app/domain';
import { mentorProfilesFor } from '@app/persistence';
import { eventually } from '../support/eventually';
import { d, sampleApplication, staff, uniqueSuffix } from '../support/fixtures';
import { recordHistoryFixture } from '../support/history-fixtures';
import { IntegrationContext, openIntegrationContext } from '../support/integration-context';
import { decide, ProjectHandle, refusalOf, startProject, stateOf } from '../support/project-driver';

interface MentorSeed {
  name: string;
  organisation?: string;
  expertiseTags?: string[];
  capacity?: number;
  active?: boolean;
}

/**
 * The mentor ranking the workflow keeps holds active mentors only and at most the configured
 * number of entries, and a mentor's conflicts and activity are judged again, from the mentors
 * table as it is now, when staff assign them and when they accept.
 */
describe('mentor matching: a bounded ranking and checks from current data', () => {
  const CAP = 2;
  const suffix = uniqueSuffix();
  // A tag per test that no other mentor has, so the test's own mentors lead its rankings.
  let tag = '';
  beforeEach(() => {
    tag = `ranking-tag-${uniqueSuffix()}`;
  });
  let ctx: IntegrationContext;

  beforeAll(async () => {
    ctx = await openIntegrationContext('mentor-recheck', {
      MENTOR_RANKING_MAX_CANDIDATES: String(CAP),
    });
  });
  afterAll(async () => {
    // The database is shared by every suite: retire this suite's mentors from their rankings.
    await ctx?.db.query(`UPDATE mentors SET active = false WHERE name LIKE '% ' || $1`, [suffix]);
    await ctx?.close();
  });

  async function insertMentor(seed: MentorSeed): Promise<string> {
    const result = await ctx.db.query<{ id: string }>(
      `INSERT INTO mentors (name, organisation, expertise_tags, capacity, active)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [
        `${seed.name} ${suffix}`,
        seed.organisation ?? `${seed.name} Partners ${suffix}`,
        seed.expertiseTags ?? [tag],
        seed.capacity ?? 20,
        seed.active ?? true,
      ],
    );
    return result.rows[0].id;
  }

  const mentorActor = (mentorId: string): Actor => ({
    userId: `u-${mentorId}`,
    role: 'mentor',
    mentorId,
  });

  /** A project in MENTOR_MATCHING whose first ranking the workflow has made. */
  async function projectInMatching(): Promise<{
    projectId: string;
    handle: ProjectHandle;
    college: string;
    ranking: MentorRanking;
  }> {
    const application = sampleApplication(uniqueSuffix(), { fieldTags: [tag] });
    const { projectId, handle } = await startProject(
      ctx.client,
      ctx.config.TEMPORAL_TASK_QUEUE,
      application,
    );
    await decide(handle, staff, d.accept);
    const ranking = await eventually(async () => {
      const view = await stateOf(handle);
      expect(view.ranking).toBeDefined();
      return view.ranking!;
    });
    return { projectId, handle, college: application.college, ranking };
  }

  async function declareConflict(mentorId: string, organisation: string): Promise<void> {
    await ctx.db.query('UPDATE mentors SET declared_conflicts = $2 WHERE id = $1', [
      mentorId,
      [organisation],
    ]);
  }

  /** The refusal the audit chain keeps for a decision that was accepted, then refused. */
  async function recordedRefusal(decisionId: string): Promise<unknown> {
    const rows = await ctx.db.query<{ decision_result: unknown }>(
      'SELECT decision_result FROM audit_events WHERE decision_id = $1',
      [decisionId],
    );
    return rows.rows.map((row) => row.decision_result);
  }

  async function expectRefusedAndRecorded(
    handle: ProjectHandle,
    actor: Actor,
    decision: Parameters<typeof decide>[2],
    rule: string,
  ): Promise<void> {
    const decisionId = randomUUID();
    const refused = await refusalOf(handle, actor, decision, decisionId);
    expect(refused).toEqual({
      type: 'RuleRefused',
      refusal: expect.objectContaining({ rule, field: 'mentorId' }),
    });
    expect(await recordedRefusal(decisionId)).toEqual([
      { refused: expect.objectContaining({ rule, field: 'mentorId' }) },
    ]);
    // Recorded: the same decisionId gets the same refusal again.
    expect(await refusalOf(handle, actor, decision, decisionId)).toEqual(refused);
  }

  it('ranks only active mentors and keeps at most the configured number, counting the rest', async () => {
    const active = [
      await insertMentor({ name: 'Bounded One' }),
      await insertMentor({ name: 'Bounded Two' }),
      await insertMentor({ name: 'Bounded Three' }),
      await insertMentor({ name: 'Bounded Four' }),
    ];
    const retired = await insertMentor({ name: 'Bounded Retired', active: false });

    const { projectId, handle, ranking } = await projectInMatching();

    expect(ranking.candidates).toHaveLength(CAP);
    for (const candidate of ranking.candidates) expect(active).toContain(candidate.mentorId);
    const listed = [...ranking.candidates, ...ranking.excluded].map((entry) => entry.mentorId);
    expect(listed).not.toContain(retired);
    // Every active mentor not listed is counted, from the same data the ranking read.
    const view = await stateOf(handle);
    const everyone = rankMentors(
      matchingProjectOf(view.state),
      await mentorProfilesFor(ctx.dataSource, projectId),
    );
    expect(ranking.otherCandidates).toBe(everyone.candidates.length - CAP);
    expect(ranking.excluded.length).toBeLessThanOrEqual(CAP);
    expect(ranking.excluded.length + (ranking.otherExcluded ?? 0)).toBe(everyone.excluded.length);
    await recordHistoryFixture(handle, 'mentor-ranking-bounded');
  });

  it('refuses and records an assignment to a mentor who declared a conflict after the ranking', async () => {
    const late = await insertMentor({ name: 'Late Conflict' });
    const other = await insertMentor({ name: 'Other Choice' });
    const { handle, college, ranking } = await projectInMatching();
    expect(ranking.candidates.map((c) => c.mentorId)).toContain(late);

    await declareConflict(late, college);
    await expectRefusedAndRecorded(handle, staff, d.assign(late), 'mentor-conflict-of-interest');
    const { state } = await stateOf(handle);
    expect(state.matching.proposedMentorId).toBeUndefined();
    expect(state.matching.excludedMentors).toEqual(
      expect.arrayContaining([expect.objectContaining({ mentorId: late, reason: 'conflict' })]),
    );

    // The project stays decidable: another mentor is assigned and accepts.
    await decide(handle, staff, d.assign(other));
    await decide(handle, mentorActor(other), d.acceptAssignment);
    expect((await stateOf(handle)).state.stage).toBe('BUSINESS_PLAN');
    await recordHistoryFixture(handle, 'mentor-assignment-refused-for-late-conflict');
  });

  it('refuses and records an acceptance by a mentor who declared a conflict after the assignment', async () => {
    const late = await insertMentor({ name: 'Accepts Late' });
    const other = await insertMentor({ name: 'Accepts Instead' });
    const { handle, college } = await projectInMatching();
    await decide(handle, staff, d.assign(late));

    await declareConflict(late, college);
    await expectRefusedAndRecorded(
      handle,
      mentorActor(late),
      d.acceptAssignment,
      'mentor-conflict-of-interest',
    );
    const { state } = await stateOf(handle);
    expect(state.stage).toBe('MENTOR_MATCHING');
    expect(state.matching.proposedMentorId).toBeUndefined();
    expect(state.matching.excludedMentors).toEqual(
      expect.arrayContaining([expect.objectContaining({ mentorId: late, reason: 'conflict' })]),
    );
    expect(state.pendingActions).toEqual([expect.objectContaining({ action: 'assignMentor' })]);
    const { rows } = await ctx.db.query(
      'SELECT 1 FROM mentor_assignments WHERE mentor_id = $1 AND released_at IS NULL',
      [late],
    );
    expect(rows).toEqual([]);

    await decide(handle, staff, d.assign(other));
    await decide(handle, mentorActor(other), d.acceptAssignment);
    expect((await stateOf(handle)).state.stage).toBe('BUSINESS_PLAN');
    await recordHistoryFixture(handle, 'mentor-acceptance-refused-for-late-conflict');
  });

  it('refuses and records replacing the mentor with one who has a conflict or is inactive', async () => {
    const first = await insertMentor({ name: 'Replaced First' });
    const conflicted = await insertMentor({ name: 'Replacing Conflicted' });
    const retired = await insertMentor({ name: 'Replacing Retired', active: false });
    const replacement = await insertMentor({ name: 'Replacing Free' });
    const { handle, college } = await projectInMatching();
    await decide(handle, staff, d.assign(first));
    await decide(handle, mentorActor(first), d.acceptAssignment);
    const replace = (mentorId: string) => ({
      type: 'replaceMentor' as const,
      mentorId,
      reason: 'The first mentor moved abroad.',
    });

    await declareConflict(conflicted, college);
    await expectRefusedAndRecorded(
      handle,
      staff,
      replace(conflicted),
      'mentor-conflict-of-interest',
    );
    await expectRefusedAndRecorded(handle, staff, replace(retired), 'mentor-inactive');
    const { rows } = await ctx.db.query(
      'SELECT mentor_id FROM mentor_assignments WHERE mentor_id = ANY($1) AND released_at IS NULL',
      [[conflicted, retired]],
    );
    expect(rows).toEqual([]);
    const refused = (await stateOf(handle)).state;
    expect(refused.matching.assignedMentorId).toBe(first);
    expect(refused.matching.excludedMentors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ mentorId: conflicted, reason: 'conflict' }),
      ]),
    );

    await decide(handle, staff, replace(replacement));
    expect((await stateOf(handle)).state.matching.assignedMentorId).toBe(replacement);
    await recordHistoryFixture(handle, 'mentor-replacement-refused-for-conflict-and-inactive');
  });

  it('refuses and records assigning a mentor who does not exist or is inactive', async () => {
    const retired = await insertMentor({ name: 'Assigned Retired', active: false });
    const other = await insertMentor({ name: 'Assigned Instead' });
    const { handle } = await projectInMatching();

    await expectRefusedAndRecorded(handle, staff, d.assign(randomUUID()), 'unknown-mentor');
    expect((await stateOf(handle)).state.matching.proposedMentorId).toBeUndefined();
    await expectRefusedAndRecorded(handle, staff, d.assign(retired), 'mentor-inactive');
    expect((await stateOf(handle)).state.matching.proposedMentorId).toBeUndefined();

    await decide(handle, staff, d.assign(other));
    expect((await stateOf(handle)).state.matching.proposedMentorId).toBe(other);
    await decide(handle, mentorActor(other), d.acceptAssignment);
    expect((await stateOf(handle)).state.stage).toBe('BUSINESS_PLAN');
    await recordHistoryFixture(handle, 'mentor-assignment-refused-unknown-and-inactive');
  });
});
