import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DB_ROLE } from '../database-roles';

/** Idempotent project submissions, and a search index for titles in the project list. */
export class ProjectSubmissions1764338400000 implements MigrationInterface {
  name = 'ProjectSubmissions1764338400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE project_submissions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        project_id uuid NOT NULL,
        submitted_by text NOT NULL,
        response jsonb NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ux_project_submissions_key UNIQUE (idempotency_key)
      )`);
    await queryRunner.query(
      `CREATE INDEX ix_projects_title_lower ON projects (lower(title) text_pattern_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX ix_projects_next_due_at ON projects (next_due_at) WHERE next_due_at IS NOT NULL`,
    );
    await queryRunner.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON project_submissions TO ${APP_DB_ROLE}`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ix_projects_next_due_at`);
    await queryRunner.query(`DROP INDEX ix_projects_title_lower`);
    await queryRunner.query(`DROP TABLE project_submissions`);
  }
}
