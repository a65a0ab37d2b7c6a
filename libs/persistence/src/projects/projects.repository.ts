import type { ProjectSnapshot } from '@app/domain';
import { isUuid, Queryable } from '../queryable';

/** The snapshot's fields the read model only receives, or holds under another name or type. */
type NotStored =
  'projectId' | 'releasesTitle' | 'records' | 'nextDueAt' | 'createdAt' | 'updatedAt' | 'closedAt';

/**
 * A project as the read model holds it (the `projects` table): the workflow's last snapshot,
 * keyed by `id`, with its times as the database returns them.
 */
export interface StoredProject extends Omit<ProjectSnapshot, NotStored> {
  id: string;
  nextDueAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
}

const PROJECT_COLUMNS = `p.id, p.workflow_id AS "workflowId", p.title, p.college, p.stage, p.status,
  p.mentor_id AS "mentorId", p.assigned_mentor_id AS "assignedMentorId",
  p.needs_attention AS "needsAttention", p.attention_reasons AS "attentionReasons",
  p.next_due_at AS "nextDueAt", p.pending_actions AS "pendingActions",
  p.revision_rounds AS "revisionRounds", p.version, p.created_at AS "createdAt",
  p.updated_at AS "updatedAt", p.closed_at AS "closedAt"`;

/** The project, or undefined when there is none (or the id is not a uuid). */
export async function findProject(
  db: Queryable,
  projectId: string,
): Promise<StoredProject | undefined> {
  if (!isUuid(projectId)) return undefined;
  const rows: StoredProject[] = await db.query(
    `SELECT ${PROJECT_COLUMNS} FROM projects p WHERE p.id = $1`,
    [projectId],
  );
  return rows[0];
}

/** Whether the project exists. */
export async function projectExists(db: Queryable, projectId: string): Promise<boolean> {
  if (!isUuid(projectId)) return false;
  const found: unknown[] = await db.query('SELECT 1 FROM projects WHERE id = $1', [projectId]);
  return found.length > 0;
}

/** A project's stage and college, by an id given as text (a re-application's earlier project). */
export async function projectStageAndCollege(
  db: Queryable,
  projectId: string,
): Promise<{ stage: string; college: string } | undefined> {
  const rows: { stage: string; college: string }[] = await db.query(
    'SELECT stage, college FROM projects WHERE id::text = $1',
    [projectId],
  );
  return rows[0];
}

/** The projects with audit rows in [from, to), oldest first, at most `limit`. */
export async function projectsAuditedBetween(
  db: Queryable,
  from: Date,
  to: Date,
  limit: number,
): Promise<StoredProject[]> {
  return db.query(
    `SELECT ${PROJECT_COLUMNS} FROM projects p
      WHERE p.id IN (SELECT DISTINCT project_id FROM audit_events
                      WHERE workflow_time >= $1 AND workflow_time < $2)
      ORDER BY p.created_at, p.id LIMIT $3`,
    [from, to, limit],
  );
}

/** How many projects are in each stage now. */
export async function projectsByStage(
  db: Queryable,
): Promise<{ stage: string; projects: number }[]> {
  return db.query('SELECT stage, count(*)::int AS projects FROM projects GROUP BY stage');
}
