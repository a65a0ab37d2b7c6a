import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A project's claim on its title within its college. The partial unique index (see the
 * migration) lets the database refuse a second active claim; ending a project as REJECTED or
 * WITHDRAWN sets `releasedAt`, which frees the title. An incubated project keeps its claim.
 */
@Entity({ name: 'title_claims' })
@Index('ux_title_claims_project', ['projectId'], { unique: true })
export class TitleClaim {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @Column({ type: 'text' })
  college!: string;

  @Column({ name: 'normalized_title', type: 'text' })
  normalizedTitle!: string;

  @Column({ name: 'claimed_at', type: 'timestamptz', default: () => 'now()' })
  claimedAt!: Date;

  @Column({ name: 'released_at', type: 'timestamptz', nullable: true })
  releasedAt!: Date | null;
}
