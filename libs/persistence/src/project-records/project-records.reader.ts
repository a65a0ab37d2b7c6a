import type { Application, CompanyRecord, PlanVersion, RecordedInvestorContact } from '@app/domain';
import type { ProjectRecordsSource } from './project-records.writer';

/** A project's records as PostgreSQL keeps them; `application` is null only after a partial backfill. */
export interface StoredProjectRecords {
  application: Application | null;
  planVersions: PlanVersion[];
  investorContacts: RecordedInvestorContact[];
  company: CompanyRecord | null;
  source: ProjectRecordsSource;
  stateVersion: number;
}

interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

interface RecordsRow {
  application: Application | null;
  source: ProjectRecordsSource;
  state_version: number;
  plan_versions: PlanVersion[];
  investor_contacts: RecordedInvestorContact[];
  company: CompanyRecord | null;
}

/** One project's records in one statement, or null when none were ever written. */
export async function readProjectRecords(
  db: Queryable,
  projectId: string,
): Promise<StoredProjectRecords | null> {
  const rows = (await db.query(
    `SELECT a.record AS application, a.source, a.state_version,
            COALESCE((SELECT jsonb_agg(p.record ORDER BY p.version)
                        FROM project_plan_versions p WHERE p.project_id = a.project_id),
                     '[]'::jsonb) AS plan_versions,
            COALESCE((SELECT jsonb_agg(c.record ORDER BY c.position)
                        FROM project_investor_contacts c WHERE c.project_id = a.project_id),
                     '[]'::jsonb) AS investor_contacts,
            (SELECT co.record FROM project_companies co WHERE co.project_id = a.project_id)
              AS company
       FROM project_applications a
      WHERE a.project_id = $1`,
    [projectId],
  )) as RecordsRow[];
  const row = rows[0];
  if (!row) return null;
  return {
    application: row.application,
    planVersions: row.plan_versions,
    investorContacts: row.investor_contacts,
    company: row.company,
    source: row.source,
    stateVersion: row.state_version,
  };
}
