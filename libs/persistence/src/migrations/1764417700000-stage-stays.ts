import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DB_ROLE } from '../database-roles';
import { STAYS_FROM_AUDIT_LOG } from '../stage-stays/stage-stays.sql';

/**
 * One row per stay of a project in a stage (entered, left, how it left), written by the
 * recording activity with the read model; every portfolio figure is computed from them.
 * Existing projects get theirs from the audit log.
 */
export class StageStays1764417700000 implements MigrationInterface {
  name = 'StageStays1764417700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE project_stage_stays (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        stage text NOT NULL,
        entered_at timestamptz NOT NULL,
        left_at timestamptz NULL,
        next_stage text NULL,
        left_by text NULL,
        CONSTRAINT uq_project_stage_stays_entry UNIQUE (project_id, stage, entered_at),
        CONSTRAINT ck_project_stage_stays_order CHECK (left_at IS NULL OR left_at >= entered_at)
      )`);
    // At most one open stay per project: the stage it is in now.
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_project_stage_stays_open ON project_stage_stays (project_id)
        WHERE left_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX ix_project_stage_stays_left ON project_stage_stays (stage, left_at)`,
    );
    await queryRunner.query(
      `GRANT SELECT, INSERT, UPDATE ON project_stage_stays TO ${APP_DB_ROLE}`,
    );
    await queryRunner.query(
      `INSERT INTO project_stage_stays (project_id, stage, entered_at, left_at, next_stage, left_by)
       ${STAYS_FROM_AUDIT_LOG}`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE project_stage_stays`);
  }
}
