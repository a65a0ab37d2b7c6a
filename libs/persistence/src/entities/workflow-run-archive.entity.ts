import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The full event history of one closed workflow run (closed by completion, failure or
 * continue-as-new), copied from Temporal before its retention deletes it. `history` is the
 * SDK's JSON (`historyToJSON`) as text, exactly as `temporal workflow show --output json` prints.
 */
@Entity({ name: 'workflow_run_archives' })
@Index('ix_workflow_run_archives_workflow', ['workflowId', 'startTime'])
@Index('ix_workflow_run_archives_project', ['projectId'])
export class WorkflowRunArchive {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'workflow_id', type: 'text' })
  workflowId!: string;

  @Column({ name: 'run_id', type: 'text', unique: true })
  runId!: string;

  @Column({ name: 'project_id', type: 'uuid', nullable: true })
  projectId!: string | null;

  @Column({ name: 'workflow_type', type: 'text' })
  workflowType!: string;

  /** How the run closed: COMPLETED, CONTINUED_AS_NEW, FAILED, TERMINATED, … */
  @Column({ type: 'text' })
  status!: string;

  @Column({ name: 'start_time', type: 'timestamptz' })
  startTime!: Date;

  @Column({ name: 'close_time', type: 'timestamptz' })
  closeTime!: Date;

  /** The run this one continued (from its first event), linking a project's runs in order. */
  @Column({ name: 'continued_from_run_id', type: 'text', nullable: true })
  continuedFromRunId!: string | null;

  @Column({ name: 'event_count', type: 'integer' })
  eventCount!: number;

  @Column({ type: 'text' })
  history!: string;

  @Column({ name: 'archived_at', type: 'timestamptz', default: () => 'now()' })
  archivedAt!: Date;
}
