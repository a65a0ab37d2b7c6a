import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A submission's claim keeps what is needed to start its workflow (so a start cut short can be
 * finished by a retry or by the worker's reconciler), and an Idempotency-Key belongs to the
 * caller that sent it: another user's same key is a different request. Also: the notification
 * kind staff get when an activity keeps failing.
 */
export class SubmissionStartInput1764990013000 implements MigrationInterface {
  name = 'SubmissionStartInput1764990013000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE project_submissions ADD COLUMN start_input jsonb NULL`);
    await queryRunner.query(`ALTER TABLE project_submissions ADD COLUMN workflow_id text NULL`);
    // The queue the API started it on: a reconciler finishes only its own queue's claims.
    await queryRunner.query(`ALTER TABLE project_submissions ADD COLUMN task_queue text NULL`);
    await queryRunner.query(
      `ALTER TABLE project_submissions DROP CONSTRAINT ux_project_submissions_key`,
    );
    await queryRunner.query(
      `ALTER TABLE project_submissions ADD CONSTRAINT ux_project_submissions_caller_key
         UNIQUE (submitted_by, idempotency_key)`,
    );
    // The reconciler's work list: claims whose start is not yet confirmed.
    await queryRunner.query(
      `CREATE INDEX ix_project_submissions_unfinished ON project_submissions (created_at)
         WHERE response IS NULL`,
    );
    // Staff are told when an activity keeps failing (the worker writes it, not the workflow).
    await queryRunner.query(`ALTER TABLE notifications DROP CONSTRAINT ck_notifications_kind`);
    await queryRunner.query(
      `ALTER TABLE notifications ADD CONSTRAINT ck_notifications_kind
         CHECK (kind IN ('assignment_request', 'reminder', 'overdue', 'escalation', 'stalled',
                         'mentor_replacement', 'assignment_accepted', 'assignment_declined',
                         'activity_failing'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM notifications WHERE kind = 'activity_failing'`);
    await queryRunner.query(`ALTER TABLE notifications DROP CONSTRAINT ck_notifications_kind`);
    await queryRunner.query(
      `ALTER TABLE notifications ADD CONSTRAINT ck_notifications_kind
         CHECK (kind IN ('assignment_request', 'reminder', 'overdue', 'escalation', 'stalled',
                         'mentor_replacement', 'assignment_accepted', 'assignment_declined'))`,
    );
    await queryRunner.query(`DROP INDEX ix_project_submissions_unfinished`);
    await queryRunner.query(
      `ALTER TABLE project_submissions DROP CONSTRAINT ux_project_submissions_caller_key`,
    );
    await queryRunner.query(
      `ALTER TABLE project_submissions ADD CONSTRAINT ux_project_submissions_key UNIQUE (idempotency_key)`,
    );
    await queryRunner.query(`ALTER TABLE project_submissions DROP COLUMN task_queue`);
    await queryRunner.query(`ALTER TABLE project_submissions DROP COLUMN workflow_id`);
    await queryRunner.query(`ALTER TABLE project_submissions DROP COLUMN start_input`);
  }
}
