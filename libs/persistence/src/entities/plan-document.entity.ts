import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A business-plan document uploaded for a project. The server computed `sha256` while storing
 * the file under `storageKey`; a plan version that refers to it sets `referencedAt`. An upload
 * nothing refers to is deleted (row and file) after `expiresAt`.
 */
@Entity({ name: 'plan_documents' })
@Index('ix_plan_documents_project', ['projectId'])
@Index('ix_plan_documents_unreferenced_expiry', ['expiresAt'], {
  where: 'referenced_at IS NULL',
})
export class PlanDocument {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @Column({ name: 'file_name', type: 'text' })
  fileName!: string;

  /** The type the content was recognised as, not the one the client declared. */
  @Column({ name: 'media_type', type: 'text' })
  mediaType!: string;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes!: number;

  @Column({ type: 'text' })
  sha256!: string;

  @Column({ name: 'storage_key', type: 'text', unique: true })
  storageKey!: string;

  @Column({ name: 'uploaded_by', type: 'uuid' })
  uploadedBy!: string;

  @Column({ name: 'uploaded_at', type: 'timestamptz', default: () => 'now()' })
  uploadedAt!: Date;

  @Column({ name: 'referenced_at', type: 'timestamptz', nullable: true })
  referencedAt!: Date | null;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
