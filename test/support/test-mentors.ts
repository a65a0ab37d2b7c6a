import type { Pool } from 'pg';
import type { Actor } from '@app/domain';

/** Mentors every integration suite may use: fixed ids, so actors can name them up front. */
export const TEST_MENTORS = {
  a: {
    id: '0b1a0000-0000-4000-8000-00000000000a',
    name: 'Mentor A',
    organisation: 'Northwind Robotics',
    expertiseTags: ['robotics', 'optics'],
  },
  b: {
    id: '0b1a0000-0000-4000-8000-00000000000b',
    name: 'Mentor B',
    organisation: 'Contoso Capital',
    expertiseTags: ['agriculture', 'finance'],
  },
  c: {
    id: '0b1a0000-0000-4000-8000-00000000000c',
    name: 'Mentor C',
    organisation: 'Fabrikam Sensors',
    expertiseTags: ['iot'],
  },
} as const;

export const MENTOR_A: Actor = {
  userId: 'u-mentor-a',
  role: 'mentor',
  mentorId: TEST_MENTORS.a.id,
};
export const MENTOR_B: Actor = {
  userId: 'u-mentor-b',
  role: 'mentor',
  mentorId: TEST_MENTORS.b.id,
};
export const MENTOR_C: Actor = {
  userId: 'u-mentor-c',
  role: 'mentor',
  mentorId: TEST_MENTORS.c.id,
};

/** Inserts the shared test mentors (with room for every suite's projects) if they are missing. */
export async function ensureTestMentors(db: Pool): Promise<void> {
  for (const mentor of Object.values(TEST_MENTORS)) {
    await db.query(
      `INSERT INTO mentors (id, name, organisation, expertise_tags, capacity)
       VALUES ($1, $2, $3, $4, 10000) ON CONFLICT (id) DO NOTHING`,
      [mentor.id, mentor.name, mentor.organisation, mentor.expertiseTags],
    );
  }
}
