import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DB_ROLE } from '../database-roles';

/**
 * The domain records of every project (application, plan versions, investor contacts, company),
 * kept by the recording activity so a closed project's record outlives its workflow history.
 * Each row holds the domain object whole (`record`) and, beside it, the columns the portfolio
 * figures are computed from. Existing projects are filled from the history archive and the
 * audit log.
 */
export class ProjectRecords1764417600000 implements MigrationInterface {
  name = 'ProjectRecords1764417600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE project_applications (
        project_id uuid PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
        state_version integer NOT NULL,
        title text NOT NULL,
        college text NOT NULL,
        party_branch text NULL,
        record jsonb NULL,
        source text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE project_plan_versions (
        project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        version integer NOT NULL,
        submitted_at timestamptz NOT NULL,
        submitted_by text NOT NULL,
        review_outcome text NULL,
        record jsonb NOT NULL,
        CONSTRAINT pk_project_plan_versions PRIMARY KEY (project_id, version)
      )`);
    await queryRunner.query(`
      CREATE TABLE project_investor_contacts (
        project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        contact_id text NOT NULL,
        position integer NOT NULL,
        investor_name text NOT NULL,
        investor_kind text NOT NULL,
        contact_date date NOT NULL,
        outcome text NOT NULL,
        amount_fen bigint NOT NULL,
        recorded_at timestamptz NOT NULL,
        amended_at timestamptz NULL,
        record jsonb NOT NULL,
        CONSTRAINT pk_project_investor_contacts PRIMARY KEY (project_id, contact_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX ix_project_investor_contacts_kind_date
         ON project_investor_contacts (investor_kind, contact_date)`,
    );
    await queryRunner.query(`
      CREATE TABLE project_companies (
        project_id uuid PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
        company_name text NOT NULL,
        uscc text NOT NULL,
        registration_date date NOT NULL,
        registered_capital_fen bigint NOT NULL,
        jobs_created integer NOT NULL,
        university_share_bp integer NOT NULL,
        local_government_share_bp integer NOT NULL,
        enterprise_share_bp integer NOT NULL,
        rd_team_profit_share_bp integer NOT NULL,
        recorded_at timestamptz NOT NULL,
        amended_at timestamptz NULL,
        record jsonb NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX ix_project_companies_registration_date ON project_companies (registration_date)`,
    );
    await queryRunner.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON project_applications, project_plan_versions,
         project_investor_contacts, project_companies TO ${APP_DB_ROLE}`,
    );
    const [{ count }] = (await queryRunner.query(
      'SELECT count(*)::int AS count FROM projects',
    )) as {
      count: number;
    }[];
    if (count > 0) {
      // Loaded only when there is something to fill: the backfill runs the domain's record
      // rules, and Jest's global setup migrates its fresh database without the path aliases.
      const { backfillProjectRecords } =
        await import('../project-records/project-records.backfill');
      await backfillProjectRecords(queryRunner.manager);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE project_companies`);
    await queryRunner.query(`DROP TABLE project_investor_contacts`);
    await queryRunner.query(`DROP TABLE project_plan_versions`);
    await queryRunner.query(`DROP TABLE project_applications`);
  }
}
