import type { MentorProfile } from '@app/domain';

/** Anything that runs SQL: a DataSource, an EntityManager or a QueryRunner. */
export interface SqlRunner {
  query<T = unknown>(sql: string, parameters?: unknown[]): Promise<T>;
}

interface MentorRow {
  id: string;
  name: string;
  organisation: string;
  expertise_tags: string[];
  capacity: number;
  declared_conflicts: string[];
  active: boolean;
  active_projects: number;
}

const PROFILE_COLUMNS = `m.id, m.name, m.organisation, m.expertise_tags, m.capacity,
            m.declared_conflicts, m.active,
            (SELECT count(*)::int FROM mentor_assignments a
              WHERE a.mentor_id = m.id AND a.released_at IS NULL AND a.project_id <> $1
            ) AS active_projects`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Every active mentor as the matching rules see them (only active mentors are ranked), with
 * their load for one project: the places they hold in `mentor_assignments`. The project's own
 * place (if it holds one) is not counted, so re-ranking does not call the project's own mentor
 * full because of the project itself. Shared by the worker's ranking activity and the API's
 * candidate list, so both rank alike.
 */
export async function mentorProfilesFor(
  db: SqlRunner,
  projectId: string,
): Promise<MentorProfile[]> {
  const rows = await db.query<MentorRow[]>(
    `SELECT ${PROFILE_COLUMNS} FROM mentors m WHERE m.active ORDER BY m.id`,
    [projectId],
  );
  return rows.map(toProfile);
}

/**
 * One mentor, active or not, as the matching rules see them now for a project (undefined when
 * no mentor has the id): what a decision naming the mentor is judged against.
 */
export async function mentorProfileOf(
  db: SqlRunner,
  projectId: string,
  mentorId: string,
): Promise<MentorProfile | undefined> {
  if (!UUID.test(mentorId)) return undefined;
  const rows = await db.query<MentorRow[]>(
    `SELECT ${PROFILE_COLUMNS} FROM mentors m WHERE m.id = $2`,
    [projectId, mentorId],
  );
  return rows.length === 0 ? undefined : toProfile(rows[0]);
}

function toProfile(row: MentorRow): MentorProfile {
  return {
    mentorId: row.id,
    name: row.name,
    organisation: row.organisation,
    expertiseTags: row.expertise_tags,
    capacity: row.capacity,
    activeProjects: row.active_projects,
    declaredConflicts: row.declared_conflicts,
    active: row.active,
  };
}
