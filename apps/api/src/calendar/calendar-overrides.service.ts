import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AdminAuditActor, AdminAuditService } from '../admin-audit/admin-audit.service';
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
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AdminAuditService,
  ) {}

  async list(year?: number): Promise<CalendarOverrideView[]> {
    const rows: OverrideRow[] = await this.dataSource.query(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, note, created_at FROM calendar_overrides
        WHERE $1::int IS NULL OR extract(year FROM date) = $1::int ORDER BY date`,
      [year ?? null],
    );
    return rows.map(asView);
  }

  /** Sets the day's override, replacing an earlier one for the same day. */
  async set(override: CalendarOverrideDto, actor: AdminAuditActor): Promise<CalendarOverrideView> {
    if (!isCalendarDate(override.date)) {
      throw new BadRequestException({
        message: 'date must be a real calendar date (e.g. not 2027-02-30)',
        field: 'date',
        rule: 'calendar-date',
      });
    }
    return this.audit.audited(actor, 'calendarOverrideSet', async (manager) => {
      const earlier: { kind: string; note: string }[] = await manager.query(
        'SELECT kind, note FROM calendar_overrides WHERE date = $1 FOR UPDATE',
        [override.date],
      );
      const rows: OverrideRow[] = await manager.query(
        `INSERT INTO calendar_overrides (date, kind, note) VALUES ($1, $2, $3)
         ON CONFLICT (date) DO UPDATE SET kind = EXCLUDED.kind, note = EXCLUDED.note
         RETURNING to_char(date, 'YYYY-MM-DD') AS date, kind, note, created_at`,
        [override.date, override.kind, override.note.trim()],
      );
      const view = asView(rows[0]);
      return {
        result: view,
        target: { kind: 'calendarOverride', id: view.date },
        details: { override: { kind: view.kind, note: view.note }, replaced: earlier[0] ?? null },
      };
    });
  }

  async remove(date: string, actor: AdminAuditActor): Promise<void> {
    if (!isCalendarDate(date))
      throw new NotFoundException(`no calendar override for ${String(date)}`);
    await this.audit.audited(actor, 'calendarOverrideRemoved', async (manager) => {
      // TypeORM answers a DELETE … RETURNING with [rows, affected count], not the rows.
      const [rows] = await manager.query<[{ kind: string; note: string }[], number]>(
        'DELETE FROM calendar_overrides WHERE date = $1 RETURNING kind, note',
        [date],
      );
      // Thrown inside the transaction: nothing was removed, so nothing is recorded.
      if (rows.length === 0) throw new NotFoundException(`no calendar override for ${date}`);
      return {
        result: undefined,
        target: { kind: 'calendarOverride', id: date },
        details: { removed: rows[0] },
      };
    });
  }
}
