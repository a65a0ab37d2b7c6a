import { Injectable } from '@nestjs/common';
import { Duration, dueAt } from '@app/domain';
import type { TimeActivities } from '@app/workflows/activities.types';
import { WorkingDayCalendarSource } from '../calendar/working-day-calendar.source';

const ALWAYS_WORKING = { isWorkingDay: () => true };

/** Turns a policy's time limit into a due time on today's calendar. Reads only: retry-safe. */
@Injectable()
export class DueTimeActivities implements TimeActivities {
  constructor(private readonly calendars: WorkingDayCalendarSource) {}

  async computeDueAt(input: { fromIso: string; limit: Duration }): Promise<string> {
    // Seconds are real time (tests): no calendar to read.
    if ('seconds' in input.limit) return dueAt(input.fromIso, input.limit, ALWAYS_WORKING);
    const due = dueAt(input.fromIso, input.limit, await this.calendars.load());
    this.calendars.warnIfUnpublished(input.fromIso, due);
    return due;
  }
}
