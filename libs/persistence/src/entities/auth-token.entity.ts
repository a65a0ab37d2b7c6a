import type { Relation } from 'typeorm';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from './user.entity';

/**
 * A bearer token: a session from signing in, or an API token an admin issued for a machine.
 * Only the sha256 of the token is kept; the token itself is shown once, when it is issued.
 */
@Entity({ name: 'auth_tokens' })
@Index('ix_auth_tokens_user', ['userId', 'kind', 'createdAt'])
export class AuthToken {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  /** 'session' | 'api' */
  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text' })
  name!: string;

  /** Hex sha256 of the whole token string. */
  @Index('ux_auth_tokens_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;
}
