import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isCalendarDate } from '@app/domain';
import { CalendarOverrideDto } from './dto/calendar-override.dto';

export interface CalendarOverrideView {
  date: string;
  kind: 'holiday' | 'workday';
  note: string;
  createdAt: string;
}

interface OverrideRow {
  date: string;
  kind: 'holiday' | 'workday';
  note: string;
  created_at: Date;
}

const asView = (row: OverrideRow): CalendarOverrideView => ({
  date: row.date,
  kind: row.kind,
  note: row.note,
  createdAt: row.created_at.toISOString(),
});

/**
 * Operators' corrections of the working-day calendar: next year's public holidays and adjusted
 * working days are published late in the year, after the holiday library was released. The
 * worker reads them afresh each time it computes a due time.
 */
@Injectable()
export class CalendarOverridesService {
  constructor(private readonly dataSource: DataSource) {}

  async list(year?: number): Promise<CalendarOverrideView[]> {
    const rows: OverrideRow[] = await this.dataSource.query(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, note, created_at FROM calendar_overrides
        WHERE $1::int IS NULL OR extract(year FROM date) = $1::int ORDER BY date`,
      [year ?? null],
    );
    return rows.map(asView);
  }

  /** Sets the day's override, replacing an earlier one for the same day. */
  async set(override: CalendarOverrideDto): Promise<CalendarOverrideView> {
    if (!isCalendarDate(override.date)) {
      throw new BadRequestException({
        message: 'date must be a real calendar date (e.g. not 2027-02-30)',
        field: 'date',
      });
    }
    const rows: OverrideRow[] = await this.dataSource.query(
      `INSERT INTO calendar_overrides (date, kind, note) VALUES ($1, $2, $3)
       ON CONFLICT (date) DO UPDATE SET kind = EXCLUDED.kind, note = EXCLUDED.note
       RETURNING to_char(date, 'YYYY-MM-DD') AS date, kind, note, created_at`,
      [override.date, override.kind, override.note.trim()],
    );
    return asView(rows[0]);
  }

  async remove(date: string): Promise<void> {
    const rows: unknown[] = isCalendarDate(date)
      ? await this.dataSource.query(
          'DELETE FROM calendar_overrides WHERE date = $1 RETURNING date',
          [date],
        )
      : [];
    if (rows.length === 0) throw new NotFoundException(`no calendar override for ${date}`);
  }
}
