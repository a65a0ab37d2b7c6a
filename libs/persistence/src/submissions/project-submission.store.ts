import type { DataSource, EntityManager } from 'typeorm';

/** A `POST /projects` claim as the API and the worker's reconciler read it. */
export interface SubmissionClaim {
  idempotencyKey: string;
  submittedBy: string;
  requestHash: string;
  projectId: string;
  workflowId: string | null;
  /** The task queue the workflow is started on; null for claims made before it was kept. */
  taskQueue: string | null;
  /** The workflow's start input; null for claims made before it was kept. */
  startInput: unknown;
  /** The answer given once the start was confirmed; null while it is not. */
  response: unknown;
  createdAt: Date;
}

const COLUMNS = `idempotency_key AS "idempotencyKey", submitted_by AS "submittedBy",
  request_hash AS "requestHash", project_id AS "projectId", workflow_id AS "workflowId",
  task_queue AS "taskQueue", start_input AS "startInput", response, created_at AS "createdAt"`;

type Queryable = Pick<DataSource | EntityManager, 'query'>;

/** The caller's claim under `key`: keys are scoped to the user who sent them. */
export async function findSubmission(
  db: Queryable,
  submittedBy: string,
  key: string,
): Promise<SubmissionClaim | undefined> {
  const rows: SubmissionClaim[] = await db.query(
    `SELECT ${COLUMNS} FROM project_submissions WHERE submitted_by = $1 AND idempotency_key = $2`,
    [submittedBy, key],
  );
  return rows[0];
}

export async function insertSubmission(
  manager: EntityManager,
  claim: Omit<SubmissionClaim, 'response' | 'createdAt'>,
): Promise<void> {
  await manager.query(
    `INSERT INTO project_submissions
       (idempotency_key, submitted_by, request_hash, project_id, workflow_id, task_queue,
        start_input)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      claim.idempotencyKey,
      claim.submittedBy,
      claim.requestHash,
      claim.projectId,
      claim.workflowId,
      claim.taskQueue,
      JSON.stringify(claim.startInput),
    ],
  );
}

/** Keeps the answer once the start is confirmed; the first answer written stays. */
export async function completeSubmission(
  db: Queryable,
  projectId: string,
  response: unknown,
): Promise<unknown> {
  await db.query(
    'UPDATE project_submissions SET response = $2 WHERE project_id = $1 AND response IS NULL',
    [projectId, JSON.stringify(response)],
  );
  const rows: { response: unknown }[] = await db.query(
    'SELECT response FROM project_submissions WHERE project_id = $1',
    [projectId],
  );
  return rows[0]?.response ?? response;
}

/**
 * Claims on `taskQueue` (or from before queues were kept) whose start was not confirmed for
 * `graceMs`: the reconciler's work.
 */
export async function unfinishedSubmissions(
  db: Queryable,
  taskQueue: string,
  graceMs: number,
  limit: number,
): Promise<SubmissionClaim[]> {
  const rows: SubmissionClaim[] = await db.query(
    `SELECT ${COLUMNS} FROM project_submissions
      WHERE response IS NULL AND created_at < now() - ($1::int * interval '1 millisecond')
        AND (task_queue = $2 OR task_queue IS NULL)
      ORDER BY created_at LIMIT $3`,
    [graceMs, taskQueue, limit],
  );
  return rows;
}

/**
 * Frees the key, the title and the project's first read-model row of a claim whose workflow
 * Temporal does not have and never will: only while the start is still unconfirmed.
 */
export async function releaseSubmission(
  dataSource: DataSource,
  projectId: string,
): Promise<boolean> {
  return dataSource.transaction(async (manager) => {
    const released: unknown[] = await manager.query(
      // As a SELECT, so the driver answers the rows (a bare DELETE answers [rows, count]).
      `WITH released AS (
         DELETE FROM project_submissions WHERE project_id = $1 AND response IS NULL RETURNING id
       ) SELECT id FROM released`,
      [projectId],
    );
    if (released.length === 0) return false;
    await manager.query('DELETE FROM projects WHERE id = $1 AND version = 0', [projectId]);
    await manager.query('DELETE FROM title_claims WHERE project_id = $1', [projectId]);
    return true;
  });
}
