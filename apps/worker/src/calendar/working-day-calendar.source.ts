import { Injectable, Logger } from '@nestjs/common';
import chineseDaysData from 'chinese-days/dist/chinese-days.json';
import { DataSource } from 'typeorm';
import {
  CalendarOverrideKind,
  createWorkingDayCalendar,
  shanghaiDateOf,
  WorkingDayCalendar,
  WorkingDayCalendarData,
} from '@app/domain';

/** The shape of the data file `chinese-days` publishes: date → "English,中文,n". */
interface PublishedChineseDays {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/**
 * The public holidays and adjusted working days (调休) of mainland China as the `chinese-days`
 * package publishes them (the State Council's notices, updated each year when the next year's
 * arrangement comes out: upgrading the package brings the new year in).
 *
 * We read the package's published JSON data rather than calling its `isWorkday(date)`: those
 * functions turn a date into a weekday through the machine's time zone and answer for the wrong
 * day on a server west of UTC, while the dates in the data are plain Asia/Shanghai dates.
 */
export function publishedChineseCalendar(): Pick<
  WorkingDayCalendarData,
  'publicHolidays' | 'adjustedWorkingDays'
> & { years: ReadonlySet<number> } {
  const data = chineseDaysData as PublishedChineseDays;
  return {
    publicHolidays: Object.keys(data.holidays),
    adjustedWorkingDays: Object.keys(data.workdays),
    years: new Set(Object.keys(data.holidays).map((date) => Number(date.slice(0, 4)))),
  };
}

/**
 * Builds the working-day calendar the time activities count on: the published data with the
 * operators' overrides (table `calendar_overrides`) on top. Read afresh each time, because an
 * operator may add next year's days at any moment and the calendar is never frozen in a policy.
 */
@Injectable()
export class WorkingDayCalendarSource {
  private readonly logger = new Logger(WorkingDayCalendarSource.name);
  private readonly published = publishedChineseCalendar();
  private readonly warnedYears = new Set<number>();

  constructor(private readonly dataSource: DataSource) {}

  async load(): Promise<WorkingDayCalendar> {
    const rows: { date: string; kind: CalendarOverrideKind }[] = await this.dataSource.query(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, kind FROM calendar_overrides`,
    );
    return createWorkingDayCalendar({
      publicHolidays: this.published.publicHolidays,
      adjustedWorkingDays: this.published.adjustedWorkingDays,
      overrides: rows.map((row) => [row.date, row.kind] as const),
    });
  }

  /**
   * Says so when a deadline falls in a year the published data does not cover yet: it was
   * counted on weekends and overrides only, which operators should know to complete.
   */
  warnIfUnpublished(fromIso: string, dueIso: string): void {
    const [from, due] = [fromIso, dueIso].map((iso) => Number(shanghaiDateOf(iso).slice(0, 4)));
    for (let year = from; year <= due; year += 1) {
      if (!this.published.years.has(year) && !this.warnedYears.has(year)) {
        this.warnedYears.add(year);
        this.logger.warn(
          `no published public holidays for ${year} (chinese-days data): counted weekends and ` +
            `calendar_overrides only; add the year's holidays as overrides or upgrade the package`,
        );
      }
    }
  }
}
