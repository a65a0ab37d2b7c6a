import { defaultPayloadConverter } from '@temporalio/common';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor, Decision, ProjectState } from '@app/domain';
import { projectRecordsOf } from '@app/domain';
import { NO_RECORDS, RebuiltRecords, recordsAfterDecision } from './project-records.fold';
import { ProjectRecordsSource, writeProjectRecords } from './project-records.writer';

interface ProjectRow {
  id: string;
  title: string;
  college: string;
  version: number;
}

interface ArchiveRow {
  history: string;
  close_time: Date;
}

interface AuditRow {
  actor: Actor | null;
  workflow_time: Date;
  payload: { decision?: Decision };
  decision_result: { refused?: unknown } | null;
}

/**
 * The state a closed run ended with: a completed run returns the project's view, a run that
 * continued as new hands its state to the next. Null when the history holds neither or its
 * payloads cannot be read without a codec.
 */
export function finalStateOfArchivedRun(historyText: string): ProjectState | null {
  try {
    const history = historyFromJSON(JSON.parse(historyText));
    for (const event of [...(history.events ?? [])].reverse()) {
      const completed = event.workflowExecutionCompletedEventAttributes?.result?.payloads?.[0];
      if (completed) {
        const view = defaultPayloadConverter.fromPayload<{ state?: ProjectState }>(completed);
        return view?.state ?? null;
      }
      const continued = event.workflowExecutionContinuedAsNewEventAttributes?.input?.payloads?.[0];
      if (continued) {
        const input = defaultPayloadConverter.fromPayload<{ carried?: { state?: ProjectState } }>(
          continued,
        );
        return input?.carried?.state ?? null;
      }
    }
  } catch {
    // An encrypted or unreadable history: the audit log alone must do.
  }
  return null;
}

/**
 * Rebuilds one project's records from what PostgreSQL already holds: the state its newest
 * archived run ended with (exact), then the accepted decisions the audit log recorded after
 * that run closed. Without an archived run every decision is folded from the audit log, and
 * the application is known only if it was resubmitted.
 */
export async function rebuildProjectRecords(
  manager: EntityManager,
  projectId: string,
): Promise<{ records: RebuiltRecords; source: ProjectRecordsSource }> {
  const archives = await manager.query<ArchiveRow[]>(
    `SELECT history, close_time FROM workflow_run_archives
      WHERE project_id = $1 ORDER BY close_time DESC`,
    [projectId],
  );
  let records: RebuiltRecords = NO_RECORDS;
  let since: Date | null = null;
  let source: ProjectRecordsSource = 'audit-log';
  for (const archive of archives) {
    const state = finalStateOfArchivedRun(archive.history);
    if (state) {
      records = projectRecordsOf(state);
      since = archive.close_time;
      source = 'archive';
      break;
    }
  }
  const decisions = await manager.query<AuditRow[]>(
    `SELECT actor, workflow_time, payload, decision_result FROM audit_events
      WHERE project_id = $1 AND kind = 'decision'
        AND ($2::timestamptz IS NULL OR workflow_time > $2::timestamptz)
      ORDER BY seq`,
    [projectId, since],
  );
  for (const row of decisions) {
    const decision = row.payload.decision;
    // A decision an activity refused (a mentor's capacity) changed nothing.
    if (!decision || !row.actor || row.decision_result?.refused) continue;
    records = recordsAfterDecision(records, decision, row.actor, row.workflow_time.toISOString());
  }
  return { records, source };
}

/** Gives every project that has no records yet the records rebuilt from the archive and audit log. */
export async function backfillProjectRecords(manager: EntityManager): Promise<number> {
  const projects = await manager.query<ProjectRow[]>(
    `SELECT p.id, p.title, p.college, p.version FROM projects p
      WHERE NOT EXISTS (SELECT 1 FROM project_applications a WHERE a.project_id = p.id)
      ORDER BY p.created_at`,
  );
  for (const project of projects) {
    const { records, source } = await rebuildProjectRecords(manager, project.id);
    await writeProjectRecords(manager, {
      projectId: project.id,
      // At the read model's version, so the workflow's next transition replaces the rebuild.
      stateVersion: project.version,
      title: project.title,
      college: project.college,
      records,
      source,
    });
  }
  return projects.length;
}

/**
 * Rebuilds a project's records after one of its runs was archived, unless the workflow itself
 * wrote them: a project that closed before the workflow sent records, and whose history was
 * still in Temporal when the migration ran, gets its exact final records from the new archive.
 */
export async function fillProjectRecordsFromArchive(
  dataSource: DataSource,
  projectId: string,
): Promise<boolean> {
  return dataSource.transaction(async (manager) => {
    const rows = await manager.query<
      (Omit<ProjectRow, 'id'> & { source: ProjectRecordsSource | null })[]
    >(
      `SELECT p.title, p.college, p.version, a.source FROM projects p
         LEFT JOIN project_applications a ON a.project_id = p.id
        WHERE p.id = $1`,
      [projectId],
    );
    const project = rows[0];
    if (!project || project.source === 'workflow') return false;
    const { records, source } = await rebuildProjectRecords(manager, projectId);
    return writeProjectRecords(manager, {
      projectId,
      stateVersion: project.version,
      title: project.title,
      college: project.college,
      records,
      source,
    });
  });
}
