import type { Queryable } from '../queryable';

/** Places held now (assignments not released), per mentor among `mentorIds`. */
export async function heldPlaces(db: Queryable, mentorIds: string[]): Promise<Map<string, number>> {
  if (mentorIds.length === 0) return new Map();
  const rows: { mentorId: string; held: number }[] = await db.query(
    `SELECT mentor_id AS "mentorId", count(*)::int AS held FROM mentor_assignments
      WHERE released_at IS NULL AND mentor_id = ANY($1::uuid[]) GROUP BY mentor_id`,
    [mentorIds],
  );
  return new Map(rows.map((row) => [row.mentorId, row.held]));
}

/** The texts that name a mentor: their name, organisation and their users' display names. */
export interface MentorNames {
  id: string;
  name: string;
  organisation: string;
  displayNames: string[];
}

/** The names of the mentors among `mentorIds` (ids as text, unknown ones left out). */
export async function mentorNamesOf(db: Queryable, mentorIds: string[]): Promise<MentorNames[]> {
  return db.query(
    `SELECT m.id::text AS id, m.name, m.organisation,
            coalesce(array_agg(u.display_name) FILTER (WHERE u.id IS NOT NULL), '{}')
              AS "displayNames"
       FROM mentors m LEFT JOIN users u ON u.mentor_id = m.id
      WHERE m.id::text = ANY($1::text[]) GROUP BY m.id`,
    [mentorIds],
  );
}

/** A mentor's name and organisation, by an id given as text. */
export async function mentorNameAndOrganisation(
  db: Queryable,
  mentorId: string,
): Promise<{ name: string; organisation: string } | undefined> {
  const rows: { name: string; organisation: string }[] = await db.query(
    'SELECT name, organisation FROM mentors WHERE id::text = $1',
    [mentorId],
  );
  return rows[0];
}

/** Whether a mentor record with this id exists. */
export async function mentorExists(db: Queryable, mentorId: string): Promise<boolean> {
  const rows: unknown[] = await db.query('SELECT 1 FROM mentors WHERE id = $1', [mentorId]);
  return rows.length > 0;
}

/** A mentor record with a fixed id (the demo data names its mentors by id). */
export async function insertMentorWithId(
  db: Queryable,
  mentor: {
    id: string;
    name: string;
    organisation: string;
    expertiseTags: readonly string[];
    capacity: number;
    email: string;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO mentors (id, name, organisation, expertise_tags, capacity, email)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      mentor.id,
      mentor.name,
      mentor.organisation,
      mentor.expertiseTags,
      mentor.capacity,
      mentor.email,
    ],
  );
}
