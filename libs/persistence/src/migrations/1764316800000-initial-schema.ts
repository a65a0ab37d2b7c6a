import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DB_ROLE } from '../database-roles';

/**
 * The read model, title claims and the audit chain, with the application's role granted only
 * what it needs. The audit log gets INSERT and SELECT alone (no UPDATE, DELETE or TRUNCATE),
 * so the running apps cannot rewrite history.
 */
export class InitialSchema1764316800000 implements MigrationInterface {
  name = 'InitialSchema1764316800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE projects (
        id uuid PRIMARY KEY,
        workflow_id text NOT NULL,
        title text NOT NULL,
        college text NOT NULL,
        stage text NOT NULL,
        status text NOT NULL,
        mentor_id text NULL,
        needs_attention boolean NOT NULL DEFAULT false,
        attention_reasons text[] NOT NULL DEFAULT '{}',
        next_due_at timestamptz NULL,
        pending_actions jsonb NOT NULL DEFAULT '[]',
        revision_rounds integer NOT NULL DEFAULT 0,
        version integer NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        closed_at timestamptz NULL,
        CONSTRAINT ux_projects_workflow_id UNIQUE (workflow_id)
      )`);
    await queryRunner.query(`CREATE INDEX ix_projects_stage ON projects (stage)`);
    await queryRunner.query(`CREATE INDEX ix_projects_college ON projects (college)`);
    await queryRunner.query(`CREATE INDEX ix_projects_mentor ON projects (mentor_id)`);
    await queryRunner.query(`CREATE INDEX ix_projects_updated_at ON projects (updated_at)`);
    await queryRunner.query(
      `CREATE INDEX ix_projects_needs_attention ON projects (needs_attention) WHERE needs_attention`,
    );

    await queryRunner.query(`
      CREATE TABLE title_claims (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL,
        college text NOT NULL,
        normalized_title text NOT NULL,
        claimed_at timestamptz NOT NULL DEFAULT now(),
        released_at timestamptz NULL,
        CONSTRAINT ux_title_claims_project UNIQUE (project_id)
      )`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX ux_title_claims_active ON title_claims (college, normalized_title)
      WHERE released_at IS NULL`);

    await queryRunner.query(`
      CREATE TABLE audit_events (
        seq bigint PRIMARY KEY CHECK (seq > 0),
        idempotency_key text NOT NULL,
        project_id uuid NOT NULL,
        workflow_id text NOT NULL,
        run_id text NOT NULL,
        event_ref text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('decision', 'system')),
        event_type text NOT NULL,
        actor jsonb NULL,
        workflow_time timestamptz NOT NULL,
        payload jsonb NOT NULL,
        decision_id text NULL,
        decision_hash text NULL,
        decision_result jsonb NULL,
        canonical text NOT NULL,
        prev_hash text NOT NULL,
        hash text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ux_audit_events_idempotency_key UNIQUE (idempotency_key)
      )`);
    await queryRunner.query(
      `CREATE INDEX ix_audit_events_project ON audit_events (project_id, seq)`,
    );
    await queryRunner.query(
      `CREATE INDEX ix_audit_events_decision ON audit_events (project_id, decision_id)`,
    );

    await queryRunner.query(`GRANT USAGE ON SCHEMA public TO ${APP_DB_ROLE}`);
    await queryRunner.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON projects, title_claims TO ${APP_DB_ROLE}`,
    );
    await queryRunner.query(`GRANT SELECT, INSERT ON audit_events TO ${APP_DB_ROLE}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE audit_events`);
    await queryRunner.query(`DROP TABLE title_claims`);
    await queryRunner.query(`DROP TABLE projects`);
  }
}
