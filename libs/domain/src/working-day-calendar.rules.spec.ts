import {
  addWorkingDays,
  CalendarOverrideKind,
  createWorkingDayCalendar,
  dayOfWeek,
  dueAt,
  shanghaiDateOf,
  WorkingDayCalendar,
} from './working-day-calendar.rules';

/** The State Council's 2025 New Year and Spring Festival arrangement, typed in as a fixture. */
const FIXTURE_2025 = {
  publicHolidays: [
    '2025-01-01',
    '2025-01-28',
    '2025-01-29',
    '2025-01-30',
    '2025-01-31',
    '2025-02-01',
    '2025-02-02',
    '2025-02-03',
    '2025-02-04',
  ],
  adjustedWorkingDays: ['2025-01-26', '2025-02-08'],
};

function calendar(overrides: [string, CalendarOverrideKind][] = []): WorkingDayCalendar {
  return createWorkingDayCalendar({ ...FIXTURE_2025, overrides });
}

/** 10:00 in Shanghai on a date, as the ISO instant the activities pass. */
const at10 = (date: string): string => `${date}T02:00:00.000Z`;
/** The end (24:00) of a Shanghai date. */
const endOf = (date: string): string => new Date(`${date}T24:00:00+08:00`).toISOString();

describe('addWorkingDays on the Asia/Shanghai working-day calendar', () => {
  it.each([
    ['a plain weekday', at10('2025-03-04'), 1, at10('2025-03-05')],
    ['Friday to Monday', at10('2025-03-07'), 1, at10('2025-03-10')],
    ['over the year boundary and New Year’s Day', at10('2024-12-31'), 1, at10('2025-01-02')],
    ['over the year boundary, several days', at10('2024-12-30'), 3, at10('2025-01-03')],
    [
      'New Year’s Day in Shanghai while it is still 31 December in UTC: clock starts 2 January',
      '2024-12-31T17:00:00.000Z',
      1,
      endOf('2025-01-02'),
    ],
    ['across the Spring Festival (01-28..02-04)', at10('2025-01-27'), 1, at10('2025-02-05')],
    ['onto the adjusted working Sunday 2025-01-26', at10('2025-01-24'), 1, at10('2025-01-26')],
    ['from the adjusted working Sunday', at10('2025-01-26'), 1, at10('2025-01-27')],
    ['onto the adjusted working Saturday 2025-02-08', at10('2025-02-07'), 1, at10('2025-02-08')],
    [
      'ten days through both adjusted days and the festival',
      at10('2025-01-20'),
      10,
      at10('2025-02-08'),
    ],
    [
      'started during the festival: end of the Nth day after',
      at10('2025-01-30'),
      1,
      endOf('2025-02-05'),
    ],
    ['started on an ordinary Saturday', at10('2025-03-08'), 2, endOf('2025-03-11')],
    ['started at 00:00 of a working day', '2025-03-03T00:00:00+08:00', 1, endOf('2025-03-03')],
    [
      'started at 00:00 the day before the festival: that day is the whole limit',
      '2025-01-27T00:00:00+08:00',
      1,
      endOf('2025-01-27'),
    ],
    ['an offset other than Z in the input', '2025-03-04T10:00:00+08:00', 1, at10('2025-03-05')],
  ])('%s', (_case, from, days, expected) => {
    expect(addWorkingDays(from, days, calendar())).toBe(expected);
  });

  it.each<[string, [string, CalendarOverrideKind][], string, string]>([
    [
      'an operator’s extra holiday on a weekday',
      [['2025-03-05', 'holiday']],
      at10('2025-03-04'),
      at10('2025-03-06'),
    ],
    [
      'an operator’s working Saturday',
      [['2025-03-08', 'workday']],
      at10('2025-03-07'),
      at10('2025-03-08'),
    ],
    [
      'an override wins over a published adjusted working day',
      [['2025-01-26', 'holiday']],
      at10('2025-01-24'),
      at10('2025-01-27'),
    ],
    [
      'an override wins over a published holiday',
      [['2025-01-29', 'workday']],
      at10('2025-01-27'),
      at10('2025-01-29'),
    ],
  ])('%s', (_case, overrides, from, expected) => {
    expect(addWorkingDays(from, 1, calendar(overrides))).toBe(expected);
  });

  it.each([
    ['not-an-instant', 1],
    ['2025-03-04T10:00:00', 1],
    [at10('2025-03-04'), 0],
    [at10('2025-03-04'), 1.5],
  ])('refuses %s + %s', (from, days) => {
    expect(() => addWorkingDays(from, days, calendar())).toThrow(RangeError);
  });

  it('refuses a calendar without working days instead of looping for ever', () => {
    expect(() => addWorkingDays(at10('2025-03-04'), 1, { isWorkingDay: () => false })).toThrow(
      /no working day/,
    );
  });
});

describe('dueAt', () => {
  it('counts working days on the calendar', () => {
    expect(dueAt(at10('2025-01-27'), { workingDays: 1 }, calendar())).toBe(at10('2025-02-05'));
  });

  it('counts seconds in real time, ignoring the calendar', () => {
    expect(dueAt(at10('2025-01-28'), { seconds: 90 }, calendar())).toBe('2025-01-28T02:01:30.000Z');
  });
});

describe('calendar helpers', () => {
  it.each([
    ['2025-01-26', 0],
    ['2025-02-08', 6],
    ['2024-12-31', 2],
    ['2000-02-29', 2],
    ['1969-12-31', 3],
  ])('%s is weekday %s', (date, weekday) => {
    expect(dayOfWeek(date)).toBe(weekday);
  });

  it('takes the Shanghai date of an instant', () => {
    expect(shanghaiDateOf('2024-12-31T15:59:59.999Z')).toBe('2024-12-31');
    expect(shanghaiDateOf('2024-12-31T16:00:00.000Z')).toBe('2025-01-01');
  });

  it('falls back to the weekend rule where the data says nothing', () => {
    const cal = calendar();
    expect([cal.isWorkingDay('2025-03-08'), cal.isWorkingDay('2025-03-10')]).toEqual([false, true]);
  });
});
