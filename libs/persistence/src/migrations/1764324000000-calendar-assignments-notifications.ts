import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DB_ROLE } from '../database-roles';

/**
 * Operators' working-day overrides, mentors' places held by projects, and the notification
 * outbox that is also each user's in-app list.
 */
export class CalendarAssignmentsNotifications1764324000000 implements MigrationInterface {
  name = 'CalendarAssignmentsNotifications1764324000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE calendar_overrides (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        date date NOT NULL,
        kind text NOT NULL CHECK (kind IN ('holiday', 'workday')),
        note text NOT NULL CHECK (btrim(note) <> ''),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ux_calendar_overrides_date UNIQUE (date)
      )`);

    await queryRunner.query(`
      CREATE TABLE mentor_assignments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL,
        mentor_id uuid NOT NULL CONSTRAINT fk_mentor_assignments_mentor REFERENCES mentors (id),
        reserved_at timestamptz NOT NULL DEFAULT now(),
        released_at timestamptz NULL
      )`);
    // One held place per project and mentor; released rows stay as history.
    await queryRunner.query(`
      CREATE UNIQUE INDEX ux_mentor_assignments_active
        ON mentor_assignments (project_id, mentor_id) WHERE released_at IS NULL`);
    await queryRunner.query(`
      CREATE INDEX ix_mentor_assignments_mentor_active
        ON mentor_assignments (mentor_id) WHERE released_at IS NULL`);

    await queryRunner.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        notification_key text NOT NULL,
        user_id uuid NULL CONSTRAINT fk_notifications_user REFERENCES users (id),
        email text NULL,
        channel text NOT NULL CHECK (channel IN ('in_app', 'email')),
        kind text NOT NULL
          CHECK (kind IN ('assignment_request', 'reminder', 'overdue', 'escalation', 'stalled')),
        project_id uuid NOT NULL,
        action text NULL,
        due_at timestamptz NULL,
        subject text NOT NULL,
        body text NOT NULL,
        language text NOT NULL CHECK (language IN ('zh', 'en')),
        status text NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text NULL,
        sent_at timestamptz NULL,
        read_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_notifications_recipient CHECK (
          (channel = 'in_app' AND user_id IS NOT NULL) OR (channel = 'email' AND email IS NOT NULL)
        )
      )`);
    // A retried activity enqueues a notification once per channel and recipient.
    await queryRunner.query(`
      CREATE UNIQUE INDEX ux_notifications_key_channel_recipient
        ON notifications (notification_key, channel, (coalesce(user_id::text, email)))`);
    // What the dispatcher claims.
    await queryRunner.query(`
      CREATE INDEX ix_notifications_email_due
        ON notifications (next_attempt_at) WHERE channel = 'email' AND status = 'pending'`);
    // A user's in-app list, newest first.
    await queryRunner.query(`
      CREATE INDEX ix_notifications_user_inbox
        ON notifications (user_id, created_at DESC) WHERE channel = 'in_app'`);
    await queryRunner.query(`CREATE INDEX ix_notifications_project ON notifications (project_id)`);

    await queryRunner.query(
      `GRANT SELECT, INSERT, UPDATE ON mentor_assignments, notifications TO ${APP_DB_ROLE}`,
    );
    // Operators may take back a mistaken override, which returns the date to the published data.
    await queryRunner.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON calendar_overrides TO ${APP_DB_ROLE}`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE notifications`);
    await queryRunner.query(`DROP TABLE mentor_assignments`);
    await queryRunner.query(`DROP TABLE calendar_overrides`);
  }
}
