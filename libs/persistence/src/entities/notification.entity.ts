import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { User } from './user.entity';

/**
 * One notification for one recipient on one channel. In-app rows are each user's list
 * (delivered when written, read when `readAt` is set); email rows are the outbox the
 * dispatcher delivers over SMTP with retries.
 */
@Entity({ name: 'notifications' })
@Index('ix_notifications_email_due', ['nextAttemptAt'], {
  where: "channel = 'email' AND status = 'pending'",
})
@Index('ix_notifications_user_inbox', ['userId', 'createdAt'], { where: "channel = 'in_app'" })
@Index('ix_notifications_project', ['projectId'])
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The workflow's key for the event; unique with the channel and the recipient. */
  @Column({ name: 'notification_key', type: 'text' })
  notificationKey!: string;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @ManyToOne(() => User, { nullable: true })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_notifications_user' })
  user!: Relation<User> | null;

  /** The address of an email row. */
  @Column({ type: 'text', nullable: true })
  email!: string | null;

  /** 'in_app' | 'email' */
  @Column({ type: 'text' })
  channel!: string;

  /** 'assignment_request' | 'reminder' | 'overdue' | 'escalation' | 'stalled' | 'mentor_replacement' | 'assignment_accepted' | 'assignment_declined' | 'activity_failing' */
  @Column({ type: 'text' })
  kind!: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  /** The pending action it is about, e.g. `acceptAssignment`. */
  @Column({ type: 'text', nullable: true })
  action!: string | null;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text' })
  body!: string;

  /** 'zh' | 'en' */
  @Column({ type: 'text' })
  language!: string;

  /** 'pending' | 'sent' | 'failed' (given up after the last attempt) */
  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt!: Date;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
