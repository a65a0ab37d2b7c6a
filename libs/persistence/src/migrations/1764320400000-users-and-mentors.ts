import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DB_ROLE } from '../database-roles';

/** People who sign in, and the mentors that projects are matched with. */
export class UsersAndMentors1764320400000 implements MigrationInterface {
  name = 'UsersAndMentors1764320400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE mentors (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        organisation text NOT NULL,
        expertise_tags text[] NOT NULL DEFAULT '{}',
        capacity integer NOT NULL CHECK (capacity >= 0),
        declared_conflicts text[] NOT NULL DEFAULT '{}',
        email text NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX ix_mentors_active ON mentors (active)`);
    await queryRunner.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL,
        display_name text NOT NULL,
        email text NULL,
        role text NOT NULL CHECK (role IN ('staff', 'mentor', 'reviewer', 'admin')),
        mentor_id uuid NULL REFERENCES mentors (id),
        password_hash text NULL,
        language text NOT NULL DEFAULT 'zh' CHECK (language IN ('zh', 'en')),
        email_notifications boolean NOT NULL DEFAULT true,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ux_users_username UNIQUE (username),
        CONSTRAINT ck_users_mentor_link CHECK ((role = 'mentor') = (mentor_id IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX ix_users_role ON users (role)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX ux_users_mentor ON users (mentor_id) WHERE mentor_id IS NOT NULL`,
    );
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON mentors, users TO ${APP_DB_ROLE}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE users`);
    await queryRunner.query(`DROP TABLE mentors`);
  }
}
