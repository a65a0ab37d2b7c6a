import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DB_ROLE } from '../database-roles';

/**
 * The innovation practice fund: each year's budget (set by admins) and what each contact of
 * the kind "innovation practice fund" draws on it (one row per project and contact, replaced
 * when the contact is amended, kept when the project is later withdrawn).
 */
export class PracticeFund1764417800000 implements MigrationInterface {
  name = 'PracticeFund1764417800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE practice_fund_budgets (
        year integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2999),
        budget_fen bigint NOT NULL CHECK (budget_fen >= 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE practice_fund_draws (
        project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        contact_id text NOT NULL,
        year integer NOT NULL,
        amount_fen bigint NOT NULL CHECK (amount_fen > 0),
        drawn_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_practice_fund_draws PRIMARY KEY (project_id, contact_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX ix_practice_fund_draws_year ON practice_fund_draws (year)`,
    );
    await queryRunner.query(
      `GRANT SELECT, INSERT, UPDATE ON practice_fund_budgets TO ${APP_DB_ROLE}`,
    );
    await queryRunner.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON practice_fund_draws TO ${APP_DB_ROLE}`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE practice_fund_draws`);
    await queryRunner.query(`DROP TABLE practice_fund_budgets`);
  }
}
