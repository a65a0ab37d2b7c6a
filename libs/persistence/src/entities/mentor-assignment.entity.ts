import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Mentor } from './mentor.entity';

/**
 * One of a mentor's places, held by a project from reservation until release. Active rows
 * (`releasedAt` null) count against the mentor's capacity.
 */
@Entity({ name: 'mentor_assignments' })
@Index('ux_mentor_assignments_active', ['projectId', 'mentorId'], {
  unique: true,
  where: 'released_at IS NULL',
})
@Index('ix_mentor_assignments_mentor_active', ['mentorId'], { where: 'released_at IS NULL' })
export class MentorAssignment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @Column({ name: 'mentor_id', type: 'uuid' })
  mentorId!: string;

  @ManyToOne(() => Mentor)
  @JoinColumn({ name: 'mentor_id', foreignKeyConstraintName: 'fk_mentor_assignments_mentor' })
  mentor!: Relation<Mentor>;

  @Column({ name: 'reserved_at', type: 'timestamptz', default: () => 'now()' })
  reservedAt!: Date;

  @Column({ name: 'released_at', type: 'timestamptz', nullable: true })
  releasedAt!: Date | null;
}
