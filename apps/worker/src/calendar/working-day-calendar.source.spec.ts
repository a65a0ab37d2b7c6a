import { addWorkingDays, createWorkingDayCalendar } from '@app/domain';
import { publishedChineseCalendar } from './working-day-calendar.source';

/** 10:00 in Shanghai on a date. */
const at10 = (date: string): string => `${date}T02:00:00.000Z`;

/**
 * The published data from the `chinese-days` package through the domain's algorithm: if an
 * upgrade of the package changed these days, this table says so before a deadline moves.
 */
describe('working days on the published Chinese calendar (chinese-days data)', () => {
  const published = publishedChineseCalendar();
  const calendar = createWorkingDayCalendar(published);

  it.each([
    ['over New Year 2025 (year boundary)', at10('2024-12-31'), 1, at10('2025-01-02')],
    [
      'onto the adjusted working Sunday before the 2025 Spring Festival',
      at10('2025-01-24'),
      1,
      at10('2025-01-26'),
    ],
    ['across the 2025 Spring Festival (01-28..02-04)', at10('2025-01-27'), 1, at10('2025-02-05')],
    ['onto the adjusted working Saturday 2025-02-08', at10('2025-02-07'), 1, at10('2025-02-08')],
    [
      'onto the adjusted working Sunday before National Day 2025',
      at10('2025-09-26'),
      1,
      at10('2025-09-28'),
    ],
    [
      'across National Day and Mid-autumn 2025 (10-01..10-08)',
      at10('2025-09-30'),
      1,
      at10('2025-10-09'),
    ],
    [
      'over New Year 2026 onto the adjusted working Sunday 01-04',
      at10('2025-12-31'),
      1,
      at10('2026-01-04'),
    ],
    ['across the 2026 Spring Festival (02-15..02-23)', at10('2026-02-14'), 1, at10('2026-02-24')],
    ['onto the adjusted working Saturday 2026-02-28', at10('2026-02-27'), 1, at10('2026-02-28')],
  ])('%s', (_case, from, days, expected) => {
    expect(addWorkingDays(from, days, calendar)).toBe(expected);
  });

  it('knows the years it covers, so a deadline beyond them can be reported', () => {
    expect(published.years.has(2025)).toBe(true);
    expect(published.years.has(2026)).toBe(true);
  });
});
