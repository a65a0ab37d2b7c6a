import { DataSource } from 'typeorm';
import { isoTime } from '../sql-time';

/** One closed run as the archive keeps it; `history` is the SDK's history JSON text. */
export interface ArchivedRun {
  workflowId: string;
  runId: string;
  projectId: string | null;
  workflowType: string;
  status: string;
  startTime: string;
  closeTime: string;
  continuedFromRunId: string | null;
  eventCount: number;
  history: string;
}

const ARCHIVED_RUN_COLUMNS = `workflow_id AS "workflowId", run_id AS "runId",
  project_id AS "projectId", workflow_type AS "workflowType", status,
  ${isoTime('start_time')} AS "startTime", ${isoTime('close_time')} AS "closeTime",
  continued_from_run_id AS "continuedFromRunId", event_count AS "eventCount", history`;

/** Which of `runIds` the archive already holds. */
export async function archivedRunIds(
  dataSource: DataSource,
  runIds: string[],
): Promise<Set<string>> {
  if (runIds.length === 0) return new Set();
  const rows: { run_id: string }[] = await dataSource.query(
    'SELECT run_id FROM workflow_run_archives WHERE run_id = ANY($1::text[])',
    [runIds],
  );
  return new Set(rows.map((row) => row.run_id));
}

/** Stores a closed run once; a second sweeper archiving the same run changes nothing. */
export async function archiveRun(dataSource: DataSource, run: ArchivedRun): Promise<boolean> {
  const inserted: unknown[] = await dataSource.query(
    `INSERT INTO workflow_run_archives (workflow_id, run_id, project_id, workflow_type, status,
       start_time, close_time, continued_from_run_id, event_count, history)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (run_id) DO NOTHING
     RETURNING run_id`,
    [
      run.workflowId,
      run.runId,
      run.projectId,
      run.workflowType,
      run.status,
      run.startTime,
      run.closeTime,
      run.continuedFromRunId,
      run.eventCount,
      run.history,
    ],
  );
  return inserted.length > 0;
}

/** A workflow's archived runs, the earliest first. */
export async function archivedRunsOf(
  dataSource: DataSource,
  workflowId: string,
): Promise<ArchivedRun[]> {
  return dataSource.query(
    `SELECT ${ARCHIVED_RUN_COLUMNS}
       FROM workflow_run_archives WHERE workflow_id = $1
      ORDER BY start_time, close_time`,
    [workflowId],
  );
}
