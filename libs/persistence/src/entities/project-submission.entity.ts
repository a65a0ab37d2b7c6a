import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The answer to a `POST /projects`, kept under the client's Idempotency-Key: the same key with
 * the same body gets this answer again, with another body a 422.
 */
@Entity({ name: 'project_submissions' })
@Index('ux_project_submissions_caller_key', ['submittedBy', 'idempotencyKey'], { unique: true })
export class ProjectSubmission {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'idempotency_key', type: 'text' })
  idempotencyKey!: string;

  @Column({ name: 'request_hash', type: 'text' })
  requestHash!: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @Column({ name: 'submitted_by', type: 'text' })
  submittedBy!: string;

  /** The workflow's start input, so a start cut short can be issued again (null before it was kept). */
  @Column({ name: 'start_input', type: 'jsonb', nullable: true })
  startInput!: Record<string, unknown> | null;

  @Column({ name: 'workflow_id', type: 'text', nullable: true })
  workflowId!: string | null;

  @Column({ name: 'task_queue', type: 'text', nullable: true })
  taskQueue!: string | null;

  /** Null until Temporal confirmed the start. */
  @Column({ type: 'jsonb', nullable: true })
  response!: Record<string, unknown> | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
