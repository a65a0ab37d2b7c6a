import {
  MatchingProject,
  matchingProjectOf,
  MentorProfile,
  mentorUnavailability,
  rankMentors,
} from './mentor-matching.rules';
import { at, d, mentorA, run } from './testing/domain.fixtures';

const project: MatchingProject = {
  fieldTags: ['robotics', 'optics', 'agriculture'],
  teamAffiliations: ['Sunny Optics Ltd'],
  declaredConflicts: ['DJI'],
  college: 'College of Optical Engineering',
  excludedMentorIds: [],
};

const mentor = (overrides: Partial<MentorProfile> & { mentorId: string }): MentorProfile => ({
  name: `Mentor ${overrides.mentorId}`,
  organisation: `Org ${overrides.mentorId}`,
  expertiseTags: [],
  capacity: 4,
  activeProjects: 0,
  declaredConflicts: [],
  active: true,
  ...overrides,
});

describe('rankMentors: exclusions', () => {
  it.each<[string, MentorProfile, string, Partial<MatchingProject>]>([
    [
      'a mentor from a team affiliation (case, spaces)',
      mentor({ mentorId: 'm1', organisation: ' sunny optics LTD ' }),
      'conflict_of_interest',
      {},
    ],
    [
      'a mentor from a declared conflict',
      mentor({ mentorId: 'm1', organisation: 'dji' }),
      'conflict_of_interest',
      {},
    ],
    [
      'a mentor from the college',
      mentor({ mentorId: 'm1', organisation: 'College of Optical Engineering' }),
      'conflict_of_interest',
      {},
    ],
    [
      'a mentor declaring a conflict with an affiliation',
      mentor({ mentorId: 'm1', declaredConflicts: ['Sunny Optics Ltd'] }),
      'conflict_of_interest',
      {},
    ],
    [
      'a mentor declaring a conflict with the college',
      mentor({ mentorId: 'm1', declaredConflicts: ['college of optical engineering'] }),
      'conflict_of_interest',
      {},
    ],
    [
      'a full mentor',
      mentor({ mentorId: 'm1', capacity: 3, activeProjects: 3 }),
      'no_spare_capacity',
      {},
    ],
    [
      'an over-full mentor',
      mentor({ mentorId: 'm1', capacity: 2, activeProjects: 5 }),
      'no_spare_capacity',
      {},
    ],
    ['a mentor with no capacity', mentor({ mentorId: 'm1', capacity: 0 }), 'no_spare_capacity', {}],
    [
      'a mentor who declined',
      mentor({ mentorId: 'm1' }),
      'declined',
      { excludedMentorIds: [{ mentorId: 'm1', reason: 'declined' }] },
    ],
    [
      'a mentor who timed out',
      mentor({ mentorId: 'm1' }),
      'timed_out',
      { excludedMentorIds: [{ mentorId: 'm1', reason: 'timed_out' }] },
    ],
    [
      'a replaced mentor',
      mentor({ mentorId: 'm1' }),
      'replaced',
      { excludedMentorIds: [{ mentorId: 'm1', reason: 'replaced' }] },
    ],
    [
      'a mentor excluded for conflict earlier',
      mentor({ mentorId: 'm1' }),
      'conflict_of_interest',
      { excludedMentorIds: [{ mentorId: 'm1', reason: 'conflict' }] },
    ],
  ])('excludes %s', (_label, profile, reason, overrides) => {
    const ranking = rankMentors({ ...project, ...overrides }, [profile]);
    expect(ranking.candidates).toEqual([]);
    expect(ranking.excluded).toEqual([
      { mentorId: 'm1', reason, detail: expect.stringMatching(/\w.*\.$/) },
    ]);
  });

  it('names the organisation in a conflict explanation', () => {
    const { excluded } = rankMentors(project, [mentor({ mentorId: 'm1', organisation: 'DJI' })]);
    expect(excluded[0].detail).toContain('DJI');
  });
});

describe('rankMentors: scores and order', () => {
  it('scores tag overlap (70) and spare capacity (30) and explains both', () => {
    const { candidates } = rankMentors(project, [
      mentor({
        mentorId: 'm1',
        expertiseTags: ['Robotics', 'optics', 'finance'],
        capacity: 5,
        activeProjects: 2,
      }),
    ]);
    expect(candidates).toEqual([
      {
        mentorId: 'm1',
        score: 65,
        parts: { tagOverlap: 47, spareCapacity: 18 },
        sharedTags: ['robotics', 'optics'],
        freePlaces: 3,
        explanation: expect.stringContaining('Shares 2 of 3 expertise tags (robotics, optics)'),
      },
    ]);
  });

  it.each<[string, MentorProfile[], string[]]>([
    [
      'by score',
      [
        mentor({ mentorId: 'low', expertiseTags: ['optics'] }),
        mentor({ mentorId: 'high', expertiseTags: ['optics', 'robotics', 'agriculture'] }),
        mentor({ mentorId: 'none', expertiseTags: [] }),
      ],
      ['high', 'low', 'none'],
    ],
    [
      'ties by spare places',
      [
        // Both score 70 + 15: 2 of 4 free and 5 of 10 free.
        mentor({ mentorId: 'a', expertiseTags: project.fieldTags, capacity: 4, activeProjects: 2 }),
        mentor({
          mentorId: 'b',
          expertiseTags: project.fieldTags,
          capacity: 10,
          activeProjects: 5,
        }),
      ],
      ['b', 'a'],
    ],
    [
      'then by mentor id',
      [
        mentor({ mentorId: 'm-2', expertiseTags: ['optics'] }),
        mentor({ mentorId: 'm-10', expertiseTags: ['optics'] }),
        mentor({ mentorId: 'M-3', expertiseTags: ['optics'] }),
      ],
      ['M-3', 'm-10', 'm-2'],
    ],
  ])('orders %s', (_label, mentors, expected) => {
    expect(rankMentors(project, mentors).candidates.map((c) => c.mentorId)).toEqual(expected);
  });

  it('splits a mixed pool into candidates and exclusions', () => {
    const ranking = rankMentors(project, [
      mentor({ mentorId: 'ok', expertiseTags: ['optics'] }),
      mentor({ mentorId: 'busy', capacity: 1, activeProjects: 1 }),
      mentor({ mentorId: 'conflicted', organisation: 'Sunny Optics Ltd' }),
    ]);
    expect(ranking.candidates.map((c) => c.mentorId)).toEqual(['ok']);
    expect(ranking.excluded.map((e) => [e.mentorId, e.reason])).toEqual([
      ['busy', 'no_spare_capacity'],
      ['conflicted', 'conflict_of_interest'],
    ]);
  });
});

describe('rankMentors: only active mentors, bounded', () => {
  it('leaves inactive mentors out of the ranking altogether', () => {
    const ranking = rankMentors(project, [
      mentor({ mentorId: 'retired', expertiseTags: ['optics'], active: false }),
      mentor({ mentorId: 'ok' }),
    ]);
    expect(ranking.candidates.map((c) => c.mentorId)).toEqual(['ok']);
    expect(ranking.excluded).toEqual([]);
  });

  it('keeps at most the given number of candidates and exclusions and counts the rest', () => {
    const pool = [
      mentor({ mentorId: 'c1', expertiseTags: project.fieldTags }),
      mentor({ mentorId: 'c2', expertiseTags: ['optics', 'robotics'] }),
      mentor({ mentorId: 'c3', expertiseTags: ['optics'] }),
      mentor({ mentorId: 'c4' }),
      mentor({ mentorId: 'c5' }),
      mentor({ mentorId: 'a-full', capacity: 1, activeProjects: 1 }),
      mentor({ mentorId: 'b-full', capacity: 1, activeProjects: 1 }),
      mentor({ mentorId: 'z-conflicted', organisation: 'DJI' }),
      mentor({ mentorId: 'gone', active: false }),
    ];
    const ranking = rankMentors(project, pool, { maxEntries: 2 });
    expect(ranking.candidates.map((c) => c.mentorId)).toEqual(['c1', 'c2']);
    expect(ranking.otherCandidates).toBe(3);
    // A conflict is kept before a full mentor: the workflow records it as an exclusion.
    expect(ranking.excluded.map((e) => [e.mentorId, e.reason])).toEqual([
      ['a-full', 'no_spare_capacity'],
      ['z-conflicted', 'conflict_of_interest'],
    ]);
    expect(ranking.otherExcluded).toBe(1);

    const unbounded = rankMentors(project, pool);
    expect(unbounded.candidates).toHaveLength(5);
    expect(unbounded.excluded).toHaveLength(3);
    expect(unbounded).toMatchObject({ otherCandidates: 0, otherExcluded: 0 });
  });
});

describe('mentorUnavailability: the checks repeated on assignment and acceptance', () => {
  it.each<[string, MentorProfile | undefined, string | null]>([
    ['an unknown mentor', undefined, 'unknown_mentor'],
    ['an inactive mentor', mentor({ mentorId: 'm1', active: false }), 'inactive'],
    [
      'a mentor who declared a conflict with the college',
      mentor({ mentorId: 'm1', declaredConflicts: ['College of Optical Engineering'] }),
      'conflict_of_interest',
    ],
    [
      'a mentor now working for a team affiliation',
      mentor({ mentorId: 'm1', organisation: 'Sunny Optics Ltd' }),
      'conflict_of_interest',
    ],
    [
      'a full mentor',
      mentor({ mentorId: 'm1', capacity: 1, activeProjects: 1 }),
      'no_spare_capacity',
    ],
    ['an available mentor', mentor({ mentorId: 'm1' }), null],
  ])('judges %s', (_label, profile, reason) => {
    const answer = mentorUnavailability(project, 'm1', profile);
    expect(answer?.reason ?? null).toBe(reason);
    if (answer) expect(answer.message).toMatch(/\w.*\.$/);
  });

  it('leaves capacity out when asked (the reservation counts places under its lock)', () => {
    const full = mentor({ mentorId: 'm1', capacity: 1, activeProjects: 1 });
    expect(mentorUnavailability(project, 'm1', full, { capacity: false })).toBeNull();
  });
});

describe('matchingProjectOf', () => {
  it('takes tags, affiliations, conflicts, college and exclusions from the state', () => {
    const state = run(at.proposed(), [[mentorA, d.decline]]);
    expect(matchingProjectOf(state)).toEqual({
      fieldTags: ['robotics', 'optics', 'agriculture'],
      teamAffiliations: ['Sunny Optics Ltd'],
      declaredConflicts: [],
      college: 'College of Optical Engineering',
      excludedMentorIds: [{ mentorId: 'm-a', reason: 'declined' }],
    });
  });
});
