import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DB_ROLE } from '../database-roles';

/**
 * Bearer tokens (sessions and API tokens, stored only as sha256 hashes) and the security log of
 * refused attempts. The security log is append-only for the application's role: SELECT and
 * INSERT alone, so the running API cannot erase a refusal it recorded.
 */
export class AuthTokensAndSecurityEvents1764334800000 implements MigrationInterface {
  name = 'AuthTokensAndSecurityEvents1764334800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE auth_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id),
        kind text NOT NULL CHECK (kind IN ('session', 'api')),
        name text NOT NULL,
        token_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz NULL,
        last_used_at timestamptz NULL,
        CONSTRAINT ux_auth_tokens_token_hash UNIQUE (token_hash),
        CONSTRAINT ck_auth_tokens_expiry CHECK (expires_at > created_at)
      )`);
    await queryRunner.query(
      `CREATE INDEX ix_auth_tokens_user ON auth_tokens (user_id, kind, created_at)`,
    );

    await queryRunner.query(`
      CREATE TABLE security_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        user_id uuid NULL,
        username text NULL,
        role text NULL,
        method text NOT NULL,
        path text NOT NULL,
        reason text NOT NULL,
        detail jsonb NOT NULL DEFAULT '{}',
        ip text NULL,
        CONSTRAINT ux_security_events_seq UNIQUE (seq)
      )`);
    await queryRunner.query(
      `CREATE INDEX ix_security_events_reason ON security_events (reason, seq)`,
    );
    await queryRunner.query(
      `CREATE INDEX ix_security_events_user ON security_events (user_id, seq)`,
    );

    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON auth_tokens TO ${APP_DB_ROLE}`);
    await queryRunner.query(`GRANT SELECT, INSERT ON security_events TO ${APP_DB_ROLE}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE security_events`);
    await queryRunner.query(`DROP TABLE auth_tokens`);
  }
}
