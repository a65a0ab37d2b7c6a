import { DataSource } from 'typeorm';

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

interface ArchivedRunRow {
  workflow_id: string;
  run_id: string;
  project_id: string | null;
  workflow_type: string;
  status: string;
  start_time: Date;
  close_time: Date;
  continued_from_run_id: string | null;
  event_count: number;
  history: string;
}

function archivedRunOf(row: ArchivedRunRow): ArchivedRun {
  return {
    workflowId: row.workflow_id,
    runId: row.run_id,
    projectId: row.project_id,
    workflowType: row.workflow_type,
    status: row.status,
    startTime: row.start_time.toISOString(),
    closeTime: row.close_time.toISOString(),
    continuedFromRunId: row.continued_from_run_id,
    eventCount: row.event_count,
    history: row.history,
  };
}

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
  const rows: ArchivedRunRow[] = await dataSource.query(
    `SELECT workflow_id, run_id, project_id, workflow_type, status, start_time, close_time,
            continued_from_run_id, event_count, history
       FROM workflow_run_archives WHERE workflow_id = $1
      ORDER BY start_time, close_time`,
    [workflowId],
  );
  return rows.map(archivedRunOf);
}
