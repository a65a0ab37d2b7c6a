import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { d, sampleApplication, uniqueSuffix } from '../support/fixtures';
import { bodyOf, decideOk, submitProject } from '../support/api-projects';
import { HttpAs, signedInUser } from '../support/http-client';
import { IntegrationContext, openIntegrationContext } from '../support/integration-context';
import { bootApi } from '../support/test-api';

interface MentorView {
  mentorId: string;
  name: string;
  organisation: string;
  expertiseTags: string[];
  capacity: number;
  declaredConflicts: string[];
  active: boolean;
}

interface Candidate {
  mentorId: string;
  name: string;
  score: number;
  parts: { tagOverlap: number; spareCapacity: number };
  sharedTags: string[];
  freePlaces: number;
  explanation: string;
}

interface Exclusion {
  mentorId: string;
  name: string;
  reason: string;
  detail: string;
}

interface Candidates {
  projectId: string;
  weights: { tagOverlap: number; spareCapacity: number };
  candidates: Candidate[];
  excluded: Exclusion[];
}

describe('HTTP: mentors kept by staff and themselves, and the explained candidates of a project', () => {
  const suffix = uniqueSuffix();
  let ctx: IntegrationContext;
  let app: NestFastifyApplication;
  let staff: HttpAs;
  let reviewer: HttpAs;
  let projectId: string;
  let college: string;
  const mentors: Record<'expert' | 'half' | 'conflicted' | 'full' | 'self', MentorView> =
    {} as never;
  let selfMentor: HttpAs;
  const users: HttpAs[] = [];

  async function createMentor(body: object): Promise<MentorView> {
    const response = await staff.post('/mentors', body);
    expect(response.status).toBe(201);
    return response.body as MentorView;
  }

  async function candidatesNow(who: HttpAs = staff): Promise<Candidates> {
    const response = await who.get(`/projects/${projectId}/mentor-candidates`);
    expect(response.status).toBe(200);
    return response.body as Candidates;
  }

  beforeAll(async () => {
    ctx = await openIntegrationContext('candidates');
    app = await bootApi(ctx.config);
    [staff, reviewer] = await Promise.all([
      signedInUser(app, ctx.db, 'staff'),
      signedInUser(app, ctx.db, 'reviewer'),
    ]);
    users.push(staff, reviewer);
    const application = sampleApplication(suffix);
    college = application.college;
    ({ projectId } = await submitProject(staff, application));
    await decideOk(staff, projectId, 'screening', bodyOf(d.accept));

    mentors.expert = await createMentor({
      name: `Expert ${suffix}`,
      organisation: `Expert Robotics ${suffix}`,
      expertiseTags: ['robotics', 'optics', 'agriculture'],
      capacity: 4,
      email: `expert.${suffix}@mentors.example`,
    });
    mentors.half = await createMentor({
      name: `Half ${suffix}`,
      organisation: `Half Optics ${suffix}`,
      expertiseTags: ['Optics'],
      capacity: 2,
    });
    // A team member works for Sunny Optics Ltd.
    mentors.conflicted = await createMentor({
      name: `Conflicted ${suffix}`,
      organisation: 'Sunny Optics Ltd',
      expertiseTags: ['robotics', 'optics', 'agriculture'],
      capacity: 4,
    });
    mentors.full = await createMentor({
      name: `Full ${suffix}`,
      organisation: `Full House ${suffix}`,
      expertiseTags: ['robotics'],
      capacity: 0,
    });
    mentors.self = await createMentor({
      name: `Self ${suffix}`,
      organisation: `Self Ventures ${suffix}`,
      expertiseTags: ['finance'],
      capacity: 3,
    });
    selfMentor = await signedInUser(app, ctx.db, 'mentor', { mentorId: mentors.self.mentorId });
    users.push(selfMentor);
  });

  afterAll(async () => {
    await ctx?.db.query('UPDATE users SET active = false WHERE id = ANY($1::uuid[])', [
      users.map((u) => u.user.id),
    ]);
    await ctx?.db.query(`UPDATE mentors SET active = false WHERE name LIKE '% ' || $1`, [suffix]);
    await app?.close();
    await ctx?.close();
  });

  it('ranks the candidates by score with each part explained, and says why the others are out', async () => {
    const ranking = await candidatesNow();
    expect(ranking.weights).toEqual({ tagOverlap: 70, spareCapacity: 30 });
    const scores = ranking.candidates.map((c) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const candidate of ranking.candidates) {
      expect(candidate.score).toBe(candidate.parts.tagOverlap + candidate.parts.spareCapacity);
    }

    const expert = ranking.candidates.find((c) => c.mentorId === mentors.expert.mentorId);
    const half = ranking.candidates.find((c) => c.mentorId === mentors.half.mentorId);
    expect(expert).toEqual({
      mentorId: mentors.expert.mentorId,
      name: `Expert ${suffix}`,
      organisation: `Expert Robotics ${suffix}`,
      score: 100,
      parts: { tagOverlap: 70, spareCapacity: 30 },
      sharedTags: ['robotics', 'optics', 'agriculture'],
      freePlaces: 4,
      explanation: expect.stringContaining('Shares 3 of 3 expertise tags') as string,
    });
    expect(half).toEqual(
      expect.objectContaining({
        score: 23 + 30,
        parts: { tagOverlap: 23, spareCapacity: 30 },
        sharedTags: ['optics'],
        explanation: expect.stringContaining(
          'Shares 1 of 3 expertise tags (optics): 23 of 70 points',
        ),
      }),
    );
    const position = (id: string) => ranking.candidates.findIndex((c) => c.mentorId === id);
    expect(position(mentors.expert.mentorId)).toBeLessThan(position(mentors.half.mentorId));
    expect(position(mentors.half.mentorId)).toBeLessThan(position(mentors.self.mentorId));

    const excluded = (id: string) => ranking.excluded.find((e) => e.mentorId === id);
    expect(excluded(mentors.conflicted.mentorId)).toEqual({
      mentorId: mentors.conflicted.mentorId,
      name: `Conflicted ${suffix}`,
      organisation: 'Sunny Optics Ltd',
      reason: 'conflict_of_interest',
      detail: `Conflicted ${suffix} works for Sunny Optics Ltd, which a team member is affiliated with.`,
    });
    expect(excluded(mentors.full.mentorId)).toEqual(
      expect.objectContaining({ reason: 'no_spare_capacity' }),
    );
    expect(position(mentors.conflicted.mentorId)).toBe(-1);
    expect(position(mentors.full.mentorId)).toBe(-1);

    // Reviewers read it too; mentors may not.
    expect((await candidatesNow(reviewer)).candidates.length).toBe(ranking.candidates.length);
    expect((await selfMentor.get(`/projects/${projectId}/mentor-candidates`)).status).toBe(403);
  });

  it('lets a mentor declare their own expertise and conflicts, which the ranking uses at once', async () => {
    const own = await selfMentor.get('/me/mentor-profile');
    expect(own.status).toBe(200);
    expect(own.body).toEqual(expect.objectContaining({ mentorId: mentors.self.mentorId }));

    const patched = await selfMentor.patch('/me/mentor-profile', {
      expertiseTags: ['robotics', 'agriculture', 'Robotics'],
      declaredConflicts: [` ${college} `],
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toEqual(
      expect.objectContaining({
        expertiseTags: ['robotics', 'agriculture'],
        declaredConflicts: [college],
        capacity: 3,
      }),
    );
    const ranking = await candidatesNow();
    expect(ranking.excluded.find((e) => e.mentorId === mentors.self.mentorId)).toEqual(
      expect.objectContaining({
        reason: 'conflict_of_interest',
        detail: `Self ${suffix} declares a conflict of interest with ${college}, the team's affiliation.`,
      }),
    );

    // A mentor edits only expertise and conflicts, and only their own.
    const capacity = await selfMentor.patch('/me/mentor-profile', { capacity: 100 });
    expect(capacity.status).toBe(400);
    expect(capacity.body.message).toMatch(/property capacity should not exist/);
    expect(
      (await selfMentor.patch(`/mentors/${mentors.half.mentorId}`, { capacity: 9 })).status,
    ).toBe(403);
    expect((await staff.get('/me/mentor-profile')).status).toBe(403);
  });

  it('lets staff update and deactivate mentors; an inactive mentor is no longer ranked', async () => {
    const updated = await staff.patch(`/mentors/${mentors.full.mentorId}`, {
      capacity: 2,
      organisation: `Roomier House ${suffix}`,
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toEqual(
      expect.objectContaining({ capacity: 2, organisation: `Roomier House ${suffix}` }),
    );
    let ranking = await candidatesNow();
    expect(ranking.candidates.find((c) => c.mentorId === mentors.full.mentorId)).toEqual(
      expect.objectContaining({ freePlaces: 2 }),
    );

    const deactivated = await staff.post(`/mentors/${mentors.full.mentorId}/deactivation`, {});
    expect(deactivated.status).toBe(200);
    expect(deactivated.body).toEqual(expect.objectContaining({ active: false }));
    ranking = await candidatesNow();
    const ranked = [...ranking.candidates, ...ranking.excluded].map((entry) => entry.mentorId);
    expect(ranked).not.toContain(mentors.full.mentorId);

    const listed = await reviewer.get('/mentors', { active: 'false', pageSize: '100' });
    expect(listed.status).toBe(200);
    const listedIds = (listed.body as { items: MentorView[] }).items.map((m) => m.mentorId);
    expect(listedIds).toContain(mentors.full.mentorId);
    expect(
      (await reviewer.post('/mentors', { name: 'x', organisation: 'y', capacity: 1 })).status,
    ).toBe(403);
    const bad = await staff.post('/mentors', { name: '', organisation: 'y', capacity: -1, x: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/capacity must not be less than 0/);
    expect((await staff.get('/mentors/not-a-mentor')).status).toBe(404);
  });
});
