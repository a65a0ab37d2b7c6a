import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A signed statement "the audit chain's entry `seq` had hash `hash` at `signedAt`", stored apart
 * from the chain and published to reviewers. A later rewrite of the chain (even one that
 * recomputes every hash after it), deleted newest rows or a TRUNCATE no longer matches it.
 */
@Entity({ name: 'audit_checkpoints' })
@Index('ix_audit_checkpoints_seq', ['seq', 'signedAt'])
export class AuditCheckpoint {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'bigint' })
  seq!: string;

  @Column({ type: 'text' })
  hash!: string;

  @Column({ name: 'signed_at', type: 'timestamptz' })
  signedAt!: Date;

  /** Ed25519 signature (base64) of the checkpoint's canonical JSON. */
  @Column({ type: 'text' })
  signature!: string;

  /** First 16 hex digits of sha256 over the public key's SPKI DER. */
  @Column({ name: 'key_id', type: 'text' })
  keyId!: string;

  /** The public key (PEM), so a reviewer can keep it with the copy; trust comes from config. */
  @Column({ name: 'public_key', type: 'text' })
  publicKey!: string;
}
