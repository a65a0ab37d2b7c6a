import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An operator's decision about one date (Asia/Shanghai): a holiday or a working day. It wins
 * over the published holiday data, e.g. for next year's days before the library knows them.
 */
@Entity({ name: 'calendar_overrides' })
@Index('ux_calendar_overrides_date', ['date'], { unique: true })
export class CalendarOverride {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** YYYY-MM-DD. */
  @Column({ type: 'date' })
  date!: string;

  /** 'holiday' | 'workday' */
  @Column({ type: 'text' })
  kind!: string;

  /** Why: e.g. the State Council notice it follows. */
  @Column({ type: 'text' })
  note!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
