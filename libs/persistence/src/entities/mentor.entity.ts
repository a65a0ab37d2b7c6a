import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An entrepreneurship mentor: an enterprise executive or technical expert. */
@Entity({ name: 'mentors' })
@Index('ix_mentors_active', ['active'])
export class Mentor {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  organisation!: string;

  @Column({ name: 'expertise_tags', type: 'text', array: true, default: () => "'{}'" })
  expertiseTags!: string[];

  /** How many active projects the mentor takes at most. */
  @Column({ type: 'integer' })
  capacity!: number;

  /** Organisations the mentor declares a conflict of interest with. */
  @Column({ name: 'declared_conflicts', type: 'text', array: true, default: () => "'{}'" })
  declaredConflicts!: string[];

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
