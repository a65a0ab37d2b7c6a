import { randomUUID } from 'node:crypto';
import { MatchingProject, MentorCandidate, MentorExclusion } from '@app/domain';
import { MentorMatchingActivities } from '../../apps/worker/src/activities/mentor-matching.activities';
import { DueTimeActivities } from '../../apps/worker/src/activities/time.activities';
import { uniqueSuffix } from '../support/fixtures';
import { IntegrationContext, openIntegrationContext } from '../support/integration-context';

interface MentorSeed {
  name: string;
  organisation: string;
  expertiseTags?: string[];
  capacity: number;
  declaredConflicts?: string[];
  active?: boolean;
}

describe('mentor matching and places against PostgreSQL', () => {
  let ctx: IntegrationContext;
  let matching: MentorMatchingActivities;
  const suffix = uniqueSuffix();

  beforeAll(async () => {
    ctx = await openIntegrationContext('matching');
    matching = ctx.worker.app.get(MentorMatchingActivities);
  });
  afterAll(async () => {
    // The database is shared by every suite: retire this suite's mentors from their rankings.
    await ctx?.db.query(`UPDATE mentors SET active = false WHERE name LIKE '%' || $1`, [suffix]);
    await ctx?.close();
  });

  async function insertMentor(seed: MentorSeed): Promise<string> {
    const result = await ctx.db.query<{ id: string }>(
      `INSERT INTO mentors (name, organisation, expertise_tags, capacity, declared_conflicts, active)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [
        `${seed.name} ${suffix}`,
        seed.organisation,
        seed.expertiseTags ?? [],
        seed.capacity,
        seed.declaredConflicts ?? [],
        seed.active ?? true,
      ],
    );
    return result.rows[0].id;
  }

  /** A place held by some other project, inserted directly as an earlier reservation. */
  async function holdPlace(mentorId: string, projectId = randomUUID()): Promise<string> {
    await ctx.db.query('INSERT INTO mentor_assignments (project_id, mentor_id) VALUES ($1, $2)', [
      projectId,
      mentorId,
    ]);
    return projectId;
  }

  async function activePlaces(mentorId: string): Promise<string[]> {
    const result = await ctx.db.query<{ project_id: string }>(
      `SELECT project_id FROM mentor_assignments
        WHERE mentor_id = $1 AND released_at IS NULL ORDER BY project_id`,
      [mentorId],
    );
    return result.rows.map((row) => row.project_id);
  }

  it('ranks real mentor rows: conflicts and full mentors excluded with reasons, inactive ones left out, the rest scored with parts', async () => {
    const teamEmployer = `Sunny Optics ${suffix}`;
    const college = `College of Agriculture ${suffix}`;
    const ids = {
      sameOrganisation: await insertMentor({
        name: 'Wang Conflict',
        organisation: teamEmployer,
        expertiseTags: ['AI', 'sensors'],
        capacity: 5,
      }),
      declaresCollege: await insertMentor({
        name: 'Zhao Declares',
        organisation: `Zhao Holdings ${suffix}`,
        expertiseTags: ['AI'],
        capacity: 5,
        declaredConflicts: [college],
      }),
      full: await insertMentor({
        name: 'Li Full',
        organisation: `Full Corp ${suffix}`,
        expertiseTags: ['AI', 'sensors', 'agriculture'],
        capacity: 1,
      }),
      inactive: await insertMentor({
        name: 'Sun Retired',
        organisation: `Retired Inc ${suffix}`,
        expertiseTags: ['AI'],
        capacity: 3,
        active: false,
      }),
      expert: await insertMentor({
        name: 'Chen Expert',
        organisation: `Expert Capital ${suffix}`,
        expertiseTags: ['ai', 'Sensors ', 'robotics'],
        capacity: 4,
      }),
      busy: await insertMentor({
        name: 'Zhou Busy',
        organisation: `Busy Ventures ${suffix}`,
        expertiseTags: ['agriculture'],
        capacity: 2,
      }),
    };
    await holdPlace(ids.full);
    await holdPlace(ids.busy);
    const projectId = randomUUID();
    const project: MatchingProject = {
      fieldTags: ['AI', 'sensors', 'agriculture'],
      teamAffiliations: [` ${teamEmployer.toUpperCase()} `],
      declaredConflicts: [],
      college,
      excludedMentorIds: [],
    };

    const ranking = await matching.rankMentorCandidates({ projectId, project });

    const mine = new Set(Object.values(ids));
    const candidates = ranking.candidates.filter((c) => mine.has(c.mentorId));
    const excluded = ranking.excluded.filter((e) => mine.has(e.mentorId));
    expect(candidates.map((c) => c.mentorId)).toEqual([ids.expert, ids.busy]);
    expect(candidates[0]).toMatchObject<Partial<MentorCandidate>>({
      score: 77,
      parts: { tagOverlap: 47, spareCapacity: 30 },
      sharedTags: ['AI', 'sensors'],
      freePlaces: 4,
    });
    expect(candidates[1]).toMatchObject<Partial<MentorCandidate>>({
      score: 38,
      parts: { tagOverlap: 23, spareCapacity: 15 },
      freePlaces: 1,
    });
    expect(candidates[0].explanation).toMatch(/2 of 3 expertise tags/);

    const byId = new Map(excluded.map((e) => [e.mentorId, e]));
    expect(byId.get(ids.sameOrganisation)).toMatchObject<Partial<MentorExclusion>>({
      reason: 'conflict_of_interest',
    });
    expect(byId.get(ids.sameOrganisation)?.detail).toContain(teamEmployer);
    expect(byId.get(ids.declaresCollege)).toMatchObject({ reason: 'conflict_of_interest' });
    expect(byId.get(ids.declaresCollege)?.detail).toContain(college);
    expect(byId.get(ids.full)).toMatchObject({ reason: 'no_spare_capacity' });
    expect(byId.get(ids.full)?.detail).toMatch(/1 of at most 1/);
    // Only active mentors are ranked: a retired mentor is neither a candidate nor an exclusion.
    expect(byId.has(ids.inactive)).toBe(false);
    expect(byId.size).toBe(3);

    // The project's own place does not count against its mentor when it is ranked again.
    await holdPlace(ids.full, projectId);
    await ctx.db.query(
      'UPDATE mentor_assignments SET released_at = now() WHERE mentor_id = $1 AND project_id <> $2',
      [ids.full, projectId],
    );
    const again = await matching.rankMentorCandidates({ projectId, project });
    expect(again.candidates.find((c) => c.mentorId === ids.full)?.freePlaces).toBe(1);
  });

  it('lets exactly one of two projects racing for the last place have it', async () => {
    const mentorId = await insertMentor({
      name: 'Qian LastPlace',
      organisation: `Last Place Ltd ${suffix}`,
      capacity: 2,
    });
    const earlier = await holdPlace(mentorId);
    const [first, second] = [randomUUID(), randomUUID()];

    const results = await Promise.all([
      matching.reserveMentorPlace({ projectId: first, mentorId }),
      matching.reserveMentorPlace({ projectId: second, mentorId }),
    ]);

    const winners = results.filter((r) => r.reserved);
    const losers = results.filter((r) => !r.reserved);
    expect(winners).toHaveLength(1);
    expect(losers).toEqual([
      {
        reserved: false,
        reason: 'no_spare_capacity',
        message: expect.stringMatching(/already mentors 2 of at most 2 projects/),
      },
    ]);
    const winner = results[0].reserved ? first : second;
    const loser = winner === first ? second : first;
    expect(await activePlaces(mentorId)).toEqual([earlier, winner].sort());

    // Repeated by the winner (an activity retry, a repeated decision): the same answer, one row.
    await expect(matching.reserveMentorPlace({ projectId: winner, mentorId })).resolves.toEqual({
      reserved: true,
    });
    await expect(
      matching.reserveMentorPlace({ projectId: loser, mentorId }),
    ).resolves.toMatchObject({ reserved: false, reason: 'no_spare_capacity' });
    expect(await activePlaces(mentorId)).toEqual([earlier, winner].sort());

    // Released (twice: idempotent), the place goes to the other project.
    await matching.releaseMentorPlace({ projectId: winner, mentorId });
    await matching.releaseMentorPlace({ projectId: winner, mentorId });
    await expect(matching.reserveMentorPlace({ projectId: loser, mentorId })).resolves.toEqual({
      reserved: true,
    });
    expect(await activePlaces(mentorId)).toEqual([earlier, loser].sort());
  });

  it('never gives out more places than a mentor has, however many projects ask at once', async () => {
    const mentorId = await insertMentor({
      name: 'Feng Popular',
      organisation: `Popular Ltd ${suffix}`,
      capacity: 3,
    });
    const projects = Array.from({ length: 10 }, () => randomUUID());
    const results = await Promise.all(
      projects.map((projectId) => matching.reserveMentorPlace({ projectId, mentorId })),
    );
    expect(results.filter((r) => r.reserved)).toHaveLength(3);
    expect(await activePlaces(mentorId)).toHaveLength(3);
  });

  it('judges a mentor from current data without taking a place, and refuses a conflict under the lock', async () => {
    const college = `College of Law ${suffix}`;
    const project: MatchingProject = {
      fieldTags: ['law'],
      teamAffiliations: [],
      declaredConflicts: [],
      college,
      excludedMentorIds: [],
    };
    const mentorId = await insertMentor({
      name: 'Ma Changes',
      organisation: `Changes Ltd ${suffix}`,
      capacity: 1,
    });
    const projectId = randomUUID();
    const check = (id: string) =>
      matching.checkMentorAvailability({ projectId, mentorId: id, project });
    await expect(check(mentorId)).resolves.toEqual({ available: true });
    expect(await activePlaces(mentorId)).toEqual([]);
    await expect(check(randomUUID())).resolves.toMatchObject({
      available: false,
      reason: 'unknown_mentor',
    });
    await expect(check('not-a-uuid')).resolves.toMatchObject({ reason: 'unknown_mentor' });

    await ctx.db.query('UPDATE mentors SET declared_conflicts = $2 WHERE id = $1', [
      mentorId,
      [college],
    ]);
    await expect(check(mentorId)).resolves.toEqual({
      available: false,
      reason: 'conflict_of_interest',
      message: expect.stringContaining(college),
    });
    await expect(
      matching.reserveMentorPlace({ projectId, mentorId, project }),
    ).resolves.toMatchObject({ reserved: false, reason: 'conflict_of_interest' });
    // Without the project (the path of older workflows) conflicts are not the reservation's.
    await expect(matching.reserveMentorPlace({ projectId, mentorId })).resolves.toEqual({
      reserved: true,
    });

    await ctx.db.query(`UPDATE mentors SET declared_conflicts = '{}' WHERE id = $1`, [mentorId]);
    await expect(check(mentorId)).resolves.toEqual({ available: true });
    await expect(
      matching.checkMentorAvailability({ projectId: randomUUID(), mentorId, project }),
    ).resolves.toMatchObject({ available: false, reason: 'no_spare_capacity' });
    await ctx.db.query('UPDATE mentors SET active = false WHERE id = $1', [mentorId]);
    await expect(check(mentorId)).resolves.toMatchObject({ available: false, reason: 'inactive' });
  });

  it('refuses unknown and inactive mentors with the reason', async () => {
    const inactive = await insertMentor({
      name: 'He Inactive',
      organisation: `Gone Ltd ${suffix}`,
      capacity: 3,
      active: false,
    });
    await expect(
      matching.reserveMentorPlace({ projectId: randomUUID(), mentorId: inactive }),
    ).resolves.toMatchObject({ reserved: false, reason: 'inactive' });
    await expect(
      matching.reserveMentorPlace({ projectId: randomUUID(), mentorId: randomUUID() }),
    ).resolves.toMatchObject({ reserved: false, reason: 'unknown_mentor' });
    await expect(
      matching.reserveMentorPlace({ projectId: randomUUID(), mentorId: 'not-a-uuid' }),
    ).resolves.toMatchObject({ reserved: false, reason: 'unknown_mentor' });
  });
});

describe('due times on the working-day calendar with operators’ overrides', () => {
  let ctx: IntegrationContext;
  let time: DueTimeActivities;
  // A year no other suite counts in, so the override cannot move anyone else's deadline.
  const overrideDate = '2031-03-05';

  beforeAll(async () => {
    ctx = await openIntegrationContext('calendar');
    time = ctx.worker.app.get(DueTimeActivities);
  });
  afterAll(async () => {
    await ctx?.db.query('DELETE FROM calendar_overrides WHERE date = $1', [overrideDate]);
    await ctx?.close();
  });

  it('counts the published Spring Festival, operators’ overrides and plain seconds', async () => {
    await expect(
      time.computeDueAt({ fromIso: '2025-01-27T02:00:00.000Z', limit: { workingDays: 1 } }),
    ).resolves.toBe('2025-02-05T02:00:00.000Z');
    await expect(
      time.computeDueAt({ fromIso: '2025-01-24T02:00:00.000Z', limit: { workingDays: 1 } }),
    ).resolves.toBe('2025-01-26T02:00:00.000Z');

    const from = '2031-03-04T02:00:00.000Z';
    await expect(time.computeDueAt({ fromIso: from, limit: { workingDays: 1 } })).resolves.toBe(
      '2031-03-05T02:00:00.000Z',
    );
    await ctx.db.query(
      `INSERT INTO calendar_overrides (date, kind, note) VALUES ($1, 'holiday', 'integration test')`,
      [overrideDate],
    );
    // Read when each step starts: the override applies at once, with no restart.
    await expect(time.computeDueAt({ fromIso: from, limit: { workingDays: 1 } })).resolves.toBe(
      '2031-03-06T02:00:00.000Z',
    );

    await expect(
      time.computeDueAt({ fromIso: '2025-01-28T02:00:00.000Z', limit: { seconds: 30 } }),
    ).resolves.toBe('2025-01-28T02:00:30.000Z');
  });
});
