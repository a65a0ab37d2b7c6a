import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A person (or machine owner) who signs in. Mentors are linked to their mentor record; the role
 * decides what they may do. Passwords are stored only as argon2id hashes.
 */
@Entity({ name: 'users' })
@Index('ix_users_role', ['role'])
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  username!: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  /** 'staff' | 'mentor' | 'reviewer' | 'admin' */
  @Column({ type: 'text' })
  role!: string;

  @Column({ name: 'mentor_id', type: 'uuid', nullable: true })
  mentorId!: string | null;

  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash!: string | null;

  /** 'zh' | 'en': the language of notifications. */
  @Column({ type: 'text', default: 'zh' })
  language!: string;

  @Column({ name: 'email_notifications', type: 'boolean', default: true })
  emailNotifications!: boolean;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
