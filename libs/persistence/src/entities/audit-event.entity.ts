import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One entry of the global, append-only audit chain. `canonical` is the RFC 8785 JSON of the
 * entry (everything but the hashes) and `hash = sha256(prevHash + sha256(canonical))` (before
 * the switch recorded in audit_chain_formats: `sha256(prevHash + canonical)`), so changing,
 * removing or reordering a row breaks the chain. The sequence is the chain's order and is
 * assigned gap-free under an advisory lock, hence it is the key rather than a uuid.
 */
@Entity({ name: 'audit_events' })
@Index('ix_audit_events_project', ['projectId', 'seq'])
@Index('ix_audit_events_decision', ['projectId', 'decisionId'])
export class AuditEvent {
  @PrimaryColumn({ type: 'bigint' })
  seq!: string;

  /** workflow id + run id + update id or timer: a retried append finds its row here. */
  @Column({ name: 'idempotency_key', type: 'text', unique: true })
  idempotencyKey!: string;

  /** Null for an administration row, which belongs to no project (nor run). */
  @Column({ name: 'project_id', type: 'uuid', nullable: true })
  projectId!: string | null;

  @Column({ name: 'workflow_id', type: 'text', nullable: true })
  workflowId!: string | null;

  @Column({ name: 'run_id', type: 'text', nullable: true })
  runId!: string | null;

  /** The update id for a decision, or the timer / system event reference. */
  @Column({ name: 'event_ref', type: 'text' })
  eventRef!: string;

  /** 'decision', 'system' or 'admin'. */
  @Column({ type: 'text' })
  kind!: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  @Column({ type: 'jsonb', nullable: true })
  actor!: Record<string, unknown> | null;

  /** Workflow time of the event, passed in by the workflow (not the activity's clock). */
  @Column({ name: 'workflow_time', type: 'timestamptz' })
  workflowTime!: Date;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ name: 'decision_id', type: 'text', nullable: true })
  decisionId!: string | null;

  @Column({ name: 'decision_hash', type: 'text', nullable: true })
  decisionHash!: string | null;

  @Column({ name: 'decision_result', type: 'jsonb', nullable: true })
  decisionResult!: Record<string, unknown> | null;

  @Column({ type: 'text' })
  canonical!: string;

  @Column({ name: 'prev_hash', type: 'text' })
  prevHash!: string;

  @Column({ type: 'text' })
  hash!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;
}
