import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications of mentor answers: the replacing mentor is told the project is theirs, staff
 * are told a proposed mentor accepted or declined.
 */
export class MentorAnswerNotifications1764361414100 implements MigrationInterface {
  name = 'MentorAnswerNotifications1764361414100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`);
    await queryRunner.query(`
      ALTER TABLE notifications ADD CONSTRAINT ck_notifications_kind
        CHECK (kind IN ('assignment_request', 'reminder', 'overdue', 'escalation', 'stalled',
                        'mentor_replacement', 'assignment_accepted', 'assignment_declined'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DELETE FROM notifications
        WHERE kind IN ('mentor_replacement', 'assignment_accepted', 'assignment_declined')`,
    );
    await queryRunner.query(`ALTER TABLE notifications DROP CONSTRAINT ck_notifications_kind`);
    await queryRunner.query(`
      ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
        CHECK (kind IN ('assignment_request', 'reminder', 'overdue', 'escalation', 'stalled'))`);
  }
}
