import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One row per project, projected from the workflow by activities. `version` is the workflow's
 * own counter: a write with an older version than the row is ignored, so a late or repeated
 * write never moves a project backwards.
 */
@Entity({ name: 'projects' })
@Index('ix_projects_stage', ['stage'])
@Index('ix_projects_college', ['college'])
@Index('ix_projects_mentor', ['mentorId'])
@Index('ix_projects_updated_at', ['updatedAt'])
export class ProjectReadModel {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'workflow_id', type: 'text', unique: true })
  workflowId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  college!: string;

  @Column({ type: 'text' })
  stage!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ name: 'mentor_id', type: 'text', nullable: true })
  mentorId!: string | null;

  /** Only the mentor who accepted (or replaced another); `mentorId` may be a proposed one. */
  @Column({ name: 'assigned_mentor_id', type: 'text', nullable: true })
  assignedMentorId!: string | null;

  @Column({ name: 'needs_attention', type: 'boolean', default: false })
  needsAttention!: boolean;

  @Column({ name: 'attention_reasons', type: 'text', array: true, default: () => "'{}'" })
  attentionReasons!: string[];

  /** The earliest deadline among the pending actions, for "overdue" filters. */
  @Column({ name: 'next_due_at', type: 'timestamptz', nullable: true })
  nextDueAt!: Date | null;

  @Column({ name: 'pending_actions', type: 'jsonb', default: () => "'[]'" })
  pendingActions!: unknown[];

  @Column({ name: 'revision_rounds', type: 'integer', default: 0 })
  revisionRounds!: number;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;
}
