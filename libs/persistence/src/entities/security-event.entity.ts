import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One refused attempt (a bad token, a wrong password, a role that may not call a route, a
 * mentor reaching for another's project), readable by reviewers. Append-only: the
 * application's role may only insert and read.
 */
@Entity({ name: 'security_events' })
@Index('ix_security_events_reason', ['reason', 'seq'])
@Index('ix_security_events_user', ['userId', 'seq'])
export class SecurityEvent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Insertion order, the cursor of the newest-first list (timestamps can tie). */
  @Column({ type: 'bigint', insert: false, update: false })
  seq!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt!: Date;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  /** The signed-in user's name, or the name someone tried to sign in with. */
  @Column({ type: 'text', nullable: true })
  username!: string | null;

  @Column({ type: 'text', nullable: true })
  role!: string | null;

  @Column({ type: 'text' })
  method!: string;

  @Column({ type: 'text' })
  path!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  detail!: Record<string, unknown>;

  @Column({ type: 'text', nullable: true })
  ip!: string | null;
}
