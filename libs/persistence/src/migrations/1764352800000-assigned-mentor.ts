import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The read model tells an assigned mentor from a merely proposed one: `mentor_id` names either
 * (it decides whom a project is listed for), `assigned_mentor_id` only the mentor who accepted
 * (or replaced another), who alone may read documents and histories.
 */
export class AssignedMentor1764352800000 implements MigrationInterface {
  name = 'AssignedMentor1764352800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE projects ADD COLUMN assigned_mentor_id text NULL`);
    // Rows written before this column: past mentor matching, the mentor named is the assigned one.
    await queryRunner.query(
      `UPDATE projects SET assigned_mentor_id = mentor_id
        WHERE stage NOT IN ('APPLICATION', 'MENTOR_MATCHING', 'REJECTED')`,
    );
    await queryRunner.query(
      `CREATE INDEX ix_projects_assigned_mentor ON projects (assigned_mentor_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ix_projects_assigned_mentor`);
    await queryRunner.query(`ALTER TABLE projects DROP COLUMN assigned_mentor_id`);
  }
}
