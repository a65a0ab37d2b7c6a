import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AdminAuditActor, AdminAuditService } from '../admin-audit/admin-audit.service';
import { isCalendarDate } from '@app/domain';
import {
  calendarOverrideForUpdate,
  calendarOverrides,
  removeCalendarOverride,
  setCalendarOverride,
  StoredCalendarOverride,
} from '@app/persistence';
import { CalendarOverrideDto } from './dto/calendar-override.dto';

export interface CalendarOverrideView {
  date: string;
  kind: 'holiday' | 'workday';
  note: string;
  createdAt: string;
}

const asView = (row: StoredCalendarOverride): CalendarOverrideView => ({
  date: row.date,
  kind: row.kind,
  note: row.note,
  createdAt: row.createdAt.toISOString(),
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
    return (await calendarOverrides(this.dataSource, year)).map(asView);
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
      const earlier = await calendarOverrideForUpdate(manager, override.date);
      const view = asView(
        await setCalendarOverride(manager, { ...override, note: override.note.trim() }),
      );
      return {
        result: view,
        target: { kind: 'calendarOverride', id: view.date },
        details: { override: { kind: view.kind, note: view.note }, replaced: earlier ?? null },
      };
    });
  }

  async remove(date: string, actor: AdminAuditActor): Promise<void> {
    if (!isCalendarDate(date))
      throw new NotFoundException(`no calendar override for ${String(date)}`);
    await this.audit.audited(actor, 'calendarOverrideRemoved', async (manager) => {
      const removed = await removeCalendarOverride(manager, date);
      // Thrown inside the transaction: nothing was removed, so nothing is recorded.
      if (!removed) throw new NotFoundException(`no calendar override for ${date}`);
      return {
        result: undefined,
        target: { kind: 'calendarOverride', id: date },
        details: { removed },
      };
    });
  }
}
