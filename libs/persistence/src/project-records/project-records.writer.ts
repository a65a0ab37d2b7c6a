import type { EntityManager } from 'typeorm';
import type { ProjectRecords } from '@app/domain';

/** Where a project's records came from: the workflow itself, or a backfill of older projects. */
export type ProjectRecordsSource = 'workflow' | 'archive' | 'audit-log';

export interface ProjectRecordsWrite {
  projectId: string;
  /** The workflow's version counter the records belong to: an older one never overwrites. */
  stateVersion: number;
  title: string;
  college: string;
  /** Null only when a backfill found no copy of the application. */
  records: Omit<ProjectRecords, 'application'> & {
    application: ProjectRecords['application'] | null;
  };
  source: ProjectRecordsSource;
}

/**
 * Replaces a project's records with these, unless newer ones are already stored, and says
 * whether it wrote. Runs inside the caller's transaction (the recording activity's, with the
 * read model and the audit entry), so a retry rewrites the same rows and nothing doubles.
 */
export async function writeProjectRecords(
  manager: EntityManager,
  write: ProjectRecordsWrite,
): Promise<boolean> {
  const { projectId, records } = write;
  const applied: unknown[] = await manager.query(
    `INSERT INTO project_applications
       (project_id, state_version, title, college, party_branch, record, source, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, now())
     ON CONFLICT (project_id) DO UPDATE SET
       state_version = EXCLUDED.state_version, title = EXCLUDED.title,
       college = EXCLUDED.college, party_branch = EXCLUDED.party_branch,
       record = EXCLUDED.record, source = EXCLUDED.source, updated_at = now()
     WHERE project_applications.state_version <= EXCLUDED.state_version
     RETURNING project_id`,
    [
      projectId,
      write.stateVersion,
      records.application?.title ?? write.title,
      records.application?.college ?? write.college,
      records.application?.partyBranch ?? null,
      records.application === null ? null : JSON.stringify(records.application),
      write.source,
    ],
  );
  if (applied.length === 0) return false;

  await manager.query('DELETE FROM project_plan_versions WHERE project_id = $1', [projectId]);
  await manager.query(
    `INSERT INTO project_plan_versions
       (project_id, version, submitted_at, submitted_by, review_outcome, record)
     SELECT $1, (v->>'version')::int, (v->>'submittedAt')::timestamptz, v->>'submittedBy',
            v->'review'->>'outcome', v
       FROM jsonb_array_elements($2::jsonb) AS v`,
    [projectId, JSON.stringify(records.planVersions)],
  );
  await manager.query('DELETE FROM project_investor_contacts WHERE project_id = $1', [projectId]);
  await manager.query(
    `INSERT INTO project_investor_contacts
       (project_id, contact_id, position, investor_name, investor_kind, contact_date, outcome,
        amount_fen, recorded_at, amended_at, record)
     SELECT $1, c->>'contactId', position::int, c->>'investorName', c->>'kind',
            (c->>'date')::date, c->>'outcome', (c->>'amountFen')::bigint,
            (c->>'recordedAt')::timestamptz, (c->>'amendedAt')::timestamptz, c
       FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS contacts (c, position)`,
    [projectId, JSON.stringify(records.investorContacts)],
  );
  await manager.query('DELETE FROM project_companies WHERE project_id = $1', [projectId]);
  if (records.company) {
    await manager.query(
      `INSERT INTO project_companies
         (project_id, company_name, uscc, registration_date, registered_capital_fen,
          jobs_created, university_share_bp, local_government_share_bp, enterprise_share_bp,
          rd_team_profit_share_bp, recorded_at, amended_at, record)
       SELECT $1, c->>'companyName', c->>'uscc', (c->>'registrationDate')::date,
              (c->>'registeredCapitalFen')::bigint, (c->>'jobsCreated')::int,
              (c->'ipShares'->>'universityBp')::int, (c->'ipShares'->>'localGovernmentBp')::int,
              (c->'ipShares'->>'enterpriseBp')::int, (c->>'rdTeamProfitShareBp')::int,
              (c->>'recordedAt')::timestamptz, (c->>'amendedAt')::timestamptz, c
         FROM (SELECT $2::jsonb AS c) AS company`,
      [projectId, JSON.stringify(records.company)],
    );
  }
  return true;
}
