import type { Queryable } from '../queryable';

/**
 * Claims a title within a college for a new project. A title already held by an active or
 * incubated project of the college is refused by the unique index `ux_title_claims_active`.
 */
export async function claimTitle(
  db: Queryable,
  claim: { projectId: string; college: string; normalizedTitle: string },
): Promise<void> {
  await db.query(
    'INSERT INTO title_claims (project_id, college, normalized_title) VALUES ($1, $2, $3)',
    [claim.projectId, claim.college, claim.normalizedTitle],
  );
}
