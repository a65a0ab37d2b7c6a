import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The answer to a `POST /projects`, kept under the client's Idempotency-Key: the same key with
 * the same body gets this answer again, with another body a 422.
 */
@Entity({ name: 'project_submissions' })
export class ProjectSubmission {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'idempotency_key', type: 'text', unique: true })
  idempotencyKey!: string;

  @Column({ name: 'request_hash', type: 'text' })
  requestHash!: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @Column({ name: 'submitted_by', type: 'text' })
  submittedBy!: string;

  /** Null while the workflow is being started. */
  @Column({ type: 'jsonb', nullable: true })
  response!: Record<string, unknown> | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
