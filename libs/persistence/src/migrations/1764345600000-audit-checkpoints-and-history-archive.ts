import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DB_ROLE } from '../database-roles';

/**
 * Signed checkpoints of the audit chain's head, kept apart from the chain, and the archive of
 * closed workflow runs' histories. Both are append-only for the application's role: it may
 * insert and read, never update, delete or truncate.
 */
export class AuditCheckpointsAndHistoryArchive1764345600000 implements MigrationInterface {
  name = 'AuditCheckpointsAndHistoryArchive1764345600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_checkpoints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint NOT NULL CHECK (seq > 0),
        hash text NOT NULL,
        signed_at timestamptz NOT NULL,
        signature text NOT NULL,
        key_id text NOT NULL,
        public_key text NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX ix_audit_checkpoints_seq ON audit_checkpoints (seq, signed_at)`,
    );

    await queryRunner.query(`
      CREATE TABLE workflow_run_archives (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workflow_id text NOT NULL,
        run_id text NOT NULL,
        project_id uuid NULL,
        workflow_type text NOT NULL,
        status text NOT NULL,
        start_time timestamptz NOT NULL,
        close_time timestamptz NOT NULL,
        continued_from_run_id text NULL,
        event_count integer NOT NULL,
        history text NOT NULL,
        archived_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ux_workflow_run_archives_run UNIQUE (run_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX ix_workflow_run_archives_workflow ON workflow_run_archives (workflow_id, start_time)`,
    );
    await queryRunner.query(
      `CREATE INDEX ix_workflow_run_archives_project ON workflow_run_archives (project_id)`,
    );

    await queryRunner.query(
      `GRANT SELECT, INSERT ON audit_checkpoints, workflow_run_archives TO ${APP_DB_ROLE}`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE workflow_run_archives`);
    await queryRunner.query(`DROP TABLE audit_checkpoints`);
  }
}
