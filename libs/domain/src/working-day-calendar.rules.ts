import { isCalendarDate } from './calendar-date.rules';
import { Duration } from './policy.types';

/**
 * Deadlines are counted in the Asia/Shanghai time zone, which has been UTC+8 without daylight
 * saving since 1991: a fixed offset is exact, and it keeps this file free of Intl time-zone data
 * (the domain runs in the workflow sandbox too).
 */
export const SHANGHAI_UTC_OFFSET_MS = 8 * 3_600_000;

const DAY_MS = 86_400_000;
/** A calendar with no working day in ten years is broken data, not a long wait. */
const MAX_SCAN_DAYS = 3_660;

/** Answers whether a date (YYYY-MM-DD, Asia/Shanghai) is a working day. */
export interface WorkingDayCalendar {
  isWorkingDay(dateYmd: string): boolean;
}

export type CalendarOverrideKind = 'holiday' | 'workday';

export interface WorkingDayCalendarData {
  /** Public holidays (e.g. the Spring Festival), including the weekdays moved into them. */
  publicHolidays: Iterable<string>;
  /** Adjusted working days (调休): weekend days on which people work. */
  adjustedWorkingDays: Iterable<string>;
  /** Operators' decisions per date; they win over the published data and the weekend rule. */
  overrides?: Iterable<readonly [string, CalendarOverrideKind]>;
}

/**
 * The working-day calendar over data: an operator's override decides first, then an adjusted
 * working day, then a public holiday, and otherwise Monday to Friday are working days.
 */
export function createWorkingDayCalendar(data: WorkingDayCalendarData): WorkingDayCalendar {
  const overrides = new Map(data.overrides ?? []);
  const holidays = new Set(data.publicHolidays);
  const adjusted = new Set(data.adjustedWorkingDays);
  return {
    isWorkingDay(dateYmd: string): boolean {
      const override = overrides.get(dateYmd);
      if (override !== undefined) return override === 'workday';
      if (adjusted.has(dateYmd)) return true;
      if (holidays.has(dateYmd)) return false;
      const weekday = dayOfWeek(dateYmd);
      return weekday !== 0 && weekday !== 6;
    },
  };
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(dateYmd: string): number {
  // 1970-01-01 was a Thursday (4).
  return (((epochDayOf(dateYmd) + 4) % 7) + 7) % 7;
}

/** The Asia/Shanghai calendar date of an instant. */
export function shanghaiDateOf(iso: string): string {
  return dateOfEpochDay(Math.floor((instantMs(iso) + SHANGHAI_UTC_OFFSET_MS) / DAY_MS));
}

export function addCalendarDays(dateYmd: string, days: number): string {
  return dateOfEpochDay(epochDayOf(dateYmd) + days);
}

/**
 * The instant `workingDays` working days after `fromIso`, counted as working time: every
 * working day (Asia/Shanghai, 00:00–24:00) contributes 24 hours, other days none.
 *
 * - Started on a working day, the deadline is the same wall-clock time on the Nth working day
 *   after it: Friday 10:00 + 1 → Monday 10:00; across the Spring Festival, Monday 2025-01-27
 *   10:00 + 1 → Wednesday 2025-02-05 10:00.
 * - Started on a weekend or holiday, the clock starts when the next working day begins, and the
 *   deadline is the end (24:00, i.e. 00:00 of the next calendar date) of the Nth working day:
 *   Saturday + 1 → end of Monday. Nobody loses part of a day because a request came in at night
 *   on a holiday.
 * - Started at 00:00 of a working day, the deadline is likewise the end of the Nth working day
 *   counting that day, not 00:00 of a later working day.
 */
export function addWorkingDays(
  fromIso: string,
  workingDays: number,
  calendar: WorkingDayCalendar,
): string {
  if (!Number.isInteger(workingDays) || workingDays < 1) {
    throw new RangeError(`workingDays must be a positive whole number, got ${workingDays}`);
  }
  const local = instantMs(fromIso) + SHANGHAI_UTC_OFFSET_MS;
  let day = Math.floor(local / DAY_MS);
  let offset = local - day * DAY_MS;
  let remaining = workingDays * DAY_MS;
  for (let scanned = 0; scanned < MAX_SCAN_DAYS + workingDays; scanned += 1) {
    if (calendar.isWorkingDay(dateOfEpochDay(day))) {
      const available = DAY_MS - offset;
      if (remaining <= available) {
        return new Date(day * DAY_MS + offset + remaining - SHANGHAI_UTC_OFFSET_MS).toISOString();
      }
      remaining -= available;
    }
    day += 1;
    offset = 0;
  }
  throw new RangeError(`the working-day calendar has no working day after ${fromIso}`);
}

/**
 * The due time of a time limit: working days on the calendar, or (in tests) plain seconds of
 * real time, which ignore the calendar.
 */
export function dueAt(fromIso: string, limit: Duration, calendar: WorkingDayCalendar): string {
  if ('seconds' in limit) {
    return new Date(instantMs(fromIso) + limit.seconds * 1000).toISOString();
  }
  return addWorkingDays(fromIso, limit.workingDays, calendar);
}

// An instant with an explicit zone (Z or ±hh:mm): a bare local time would be read in the
// machine's zone, which is exactly the ambiguity this file avoids.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function instantMs(iso: string): number {
  const ms = ISO_INSTANT.test(iso) ? Date.parse(iso) : NaN;
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO instant with a zone: ${iso}`);
  return ms;
}

function epochDayOf(dateYmd: string): number {
  if (!isCalendarDate(dateYmd))
    throw new RangeError(`not a calendar date: ${JSON.stringify(dateYmd)}`);
  const [year, month, day] = dateYmd.split('-').map(Number);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function dateOfEpochDay(epochDay: number): string {
  return new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
}
