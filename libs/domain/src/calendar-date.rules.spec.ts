import { isCalendarDate } from './calendar-date.rules';

describe('isCalendarDate', () => {
  it.each([
    ['2025-03-01', true],
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['2025-12-31', true],
    ['2025-02-29', false],
    ['1900-02-29', false],
    ['2025-04-31', false],
    ['2025-13-01', false],
    ['2025-00-10', false],
    ['2025-01-00', false],
    ['2025-1-5', false],
    ['2025-01-05T00:00:00Z', false],
    ['', false],
    [20250301, false],
  ])('%p → %p', (value, expected) => {
    expect(isCalendarDate(value)).toBe(expected);
  });
});
