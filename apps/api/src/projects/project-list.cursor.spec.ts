import { UnprocessableEntityException } from '@nestjs/common';
import { decodeCursor, encodeCursor } from './project-list.cursor';

const ID = '6f1c2a8e-4b7d-4c2e-9a51-0d3e8f7b6a21';
const cursorOf = (value: unknown): string =>
  Buffer.from(JSON.stringify(value)).toString('base64url');

describe('project list cursors', () => {
  it.each([
    ['a time as PostgreSQL prints it', '2026-12-01 19:49:33.123456+00', 'time'],
    ['a time with a half-hour offset', '2026-12-01 19:49:33+05:30', 'time'],
    ['no due date', 'infinity', 'time'],
    ['a title', '智能农业传感器 1', 'text'],
  ] as const)('reads back %s', (_what, key, kind) => {
    expect(decodeCursor(encodeCursor(key, ID), kind)).toEqual([key, ID]);
  });

  it.each([
    ['two strings that are not a time and a uuid', 'WyJ4IiwieSJd', 'time'],
    ['the same with sort=title (the id is no uuid)', 'WyJ4IiwieSJd', 'text'],
    ['a date that does not exist', cursorOf(['2026-02-30 10:00:00+00', ID]), 'time'],
    ['an hour past 23', cursorOf(['2026-12-01 24:00:00+00', ID]), 'time'],
    ['a title where a time belongs', cursorOf(['Orchard', ID]), 'time'],
    ['three parts', cursorOf(['infinity', ID, 'x']), 'time'],
    ['a number', cursorOf([1, ID]), 'text'],
    ['not JSON', 'bm90IGpzb24', 'text'],
    ['NUL in a title', cursorOf(['a\u0000', ID]), 'text'],
  ] as const)('refuses %s with a 400 naming the cursor', (_what, cursor, kind) => {
    expect(() => decodeCursor(cursor, kind)).toThrow(UnprocessableEntityException);
    try {
      decodeCursor(cursor, kind);
    } catch (error) {
      expect((error as UnprocessableEntityException).getResponse()).toMatchObject({
        field: 'cursor',
      });
    }
  });
});
