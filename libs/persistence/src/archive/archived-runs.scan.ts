import { DataSource } from 'typeorm';

/** One archived run's history and what names it, for checking every run against new code. */
export interface ArchivedHistory {
  workflowId: string;
  runId: string;
  workflowType: string;
  history: string;
}

/**
 * Every archived run, `pageSize` at a time in run-id order (keyset pages: each page is an index
 * range of ux_workflow_run_archives_run, whatever the archive's size), so a check over the whole
 * archive holds one page of histories in memory at a time.
 */
export async function* everyArchivedHistory(
  dataSource: DataSource,
  pageSize = 50,
): AsyncGenerator<ArchivedHistory> {
  let after = '';
  for (;;) {
    const rows: { workflow_id: string; run_id: string; workflow_type: string; history: string }[] =
      await dataSource.query(
        `SELECT workflow_id, run_id, workflow_type, history
           FROM workflow_run_archives WHERE run_id > $1
          ORDER BY run_id LIMIT $2`,
        [after, pageSize],
      );
    for (const row of rows) {
      yield {
        workflowId: row.workflow_id,
        runId: row.run_id,
        workflowType: row.workflow_type,
        history: row.history,
      };
    }
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1].run_id;
  }
}

/** How many runs the archive holds. */
export async function archivedRunCount(dataSource: DataSource): Promise<number> {
  const [row]: { count: string }[] = await dataSource.query(
    'SELECT count(*) AS count FROM workflow_run_archives',
  );
  return Number(row.count);
}
