import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DB_ROLE } from '../database-roles';

/**
 * Administration joins the audit chain: a row of kind 'admin' belongs to no project and no
 * Temporal run, so those columns become nullable for it (and stay required for the others).
 *
 * `audit_chain_formats` records from which sequence on a row's link covers a digest of its
 * canonical text (`sha256(prev_hash + sha256(canonical))`) rather than the text itself, so a
 * bundle of one project can carry only the digests of other rows. The first writer that runs
 * the new code records the switch under the chain's lock (see appendAuditEntry); rows before
 * it keep today's formula. The application's role may add that one row but never change it.
 */
export class AdministrationAudit1764361414000 implements MigrationInterface {
  name = 'AdministrationAudit1764361414000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE audit_events ALTER COLUMN project_id DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE audit_events ALTER COLUMN workflow_id DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE audit_events ALTER COLUMN run_id DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE audit_events DROP CONSTRAINT audit_events_kind_check`);
    await queryRunner.query(`
      ALTER TABLE audit_events ADD CONSTRAINT ck_audit_events_kind
        CHECK (kind IN ('decision', 'system', 'admin'))`);
    await queryRunner.query(`
      ALTER TABLE audit_events ADD CONSTRAINT ck_audit_events_project_rows
        CHECK (kind = 'admin' OR (project_id IS NOT NULL AND workflow_id IS NOT NULL
                                  AND run_id IS NOT NULL))`);
    await queryRunner.query(
      `CREATE INDEX ix_audit_events_admin ON audit_events (seq) WHERE kind = 'admin'`,
    );
    await queryRunner.query(`
      CREATE TABLE audit_chain_formats (
        formula text PRIMARY KEY CHECK (formula IN ('digest-link')),
        from_seq bigint NOT NULL CHECK (from_seq > 0),
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`GRANT SELECT, INSERT ON audit_chain_formats TO ${APP_DB_ROLE}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE audit_chain_formats`);
    await queryRunner.query(`DROP INDEX ix_audit_events_admin`);
    await queryRunner.query(`DELETE FROM audit_events WHERE kind = 'admin'`);
    await queryRunner.query(
      `ALTER TABLE audit_events DROP CONSTRAINT ck_audit_events_project_rows`,
    );
    await queryRunner.query(`ALTER TABLE audit_events DROP CONSTRAINT ck_audit_events_kind`);
    await queryRunner.query(`
      ALTER TABLE audit_events ADD CONSTRAINT audit_events_kind_check
        CHECK (kind IN ('decision', 'system'))`);
    await queryRunner.query(`ALTER TABLE audit_events ALTER COLUMN run_id SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE audit_events ALTER COLUMN workflow_id SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE audit_events ALTER COLUMN project_id SET NOT NULL`);
  }
}
