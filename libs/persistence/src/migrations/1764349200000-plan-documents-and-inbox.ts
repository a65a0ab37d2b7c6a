import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DB_ROLE } from '../database-roles';

/**
 * Uploaded business-plan documents (the application deletes the uploads that no plan version
 * refers to once they expire, rows and files), and an index for the mentors' inboxes.
 */
export class PlanDocumentsAndInbox1764349200000 implements MigrationInterface {
  name = 'PlanDocumentsAndInbox1764349200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE plan_documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL,
        file_name text NOT NULL CHECK (btrim(file_name) <> ''),
        media_type text NOT NULL CHECK (media_type IN (
          'application/pdf',
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          'application/vnd.openxmlformats-officedocument.presentationml.presentation'
        )),
        size_bytes integer NOT NULL CHECK (size_bytes > 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        storage_key text NOT NULL,
        uploaded_by uuid NOT NULL CONSTRAINT fk_plan_documents_uploaded_by REFERENCES users (id),
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        referenced_at timestamptz NULL,
        expires_at timestamptz NOT NULL,
        CONSTRAINT ux_plan_documents_storage_key UNIQUE (storage_key)
      )`);
    await queryRunner.query(
      `CREATE INDEX ix_plan_documents_project ON plan_documents (project_id)`,
    );
    // What the cleanup looks for.
    await queryRunner.query(`
      CREATE INDEX ix_plan_documents_unreferenced_expiry
        ON plan_documents (expires_at) WHERE referenced_at IS NULL`);
    await queryRunner.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON plan_documents TO ${APP_DB_ROLE}`,
    );
    // A mentor's inbox: the projects whose pending actions name them.
    await queryRunner.query(`
      CREATE INDEX ix_projects_pending_actions
        ON projects USING gin (pending_actions jsonb_path_ops)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ix_projects_pending_actions`);
    await queryRunner.query(`DROP TABLE plan_documents`);
  }
}
