import { isUuid, Queryable } from '../queryable';

/** A project as the read model holds it (the `projects` table). */
export interface StoredProject {
  id: string;
  workflowId: string;
  title: string;
  college: string;
  stage: string;
  status: string;
  /** The assigned mentor, else the proposed one: whom the project is listed for. */
  mentorId: string | null;
  /** Only the mentor who accepted (or replaced another). */
  assignedMentorId: string | null;
  needsAttention: boolean;
  attentionReasons: string[];
  nextDueAt: Date | null;
  pendingActions: unknown[];
  revisionRounds: number;
  version: number;
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
