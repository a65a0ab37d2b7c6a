import { UnprocessableEntityException } from '@nestjs/common';
import { isCalendarDate } from '@app/domain';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A timestamptz as PostgreSQL prints it (`2026-12-01 19:49:33.123456+00`), which is what the
 * list puts in its cursors; `infinity` is the key of a project with no due date.
 */
const PG_TIMESTAMP =
  /^(\d{4}-\d{2}-\d{2})[ T]([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?([+-](0\d|1[0-4])(:?[0-5]\d){0,2}|Z)?$/;

/** The cursor's sort key is a time for every sort but `title`. */
export type CursorKeyKind = 'text' | 'time';

export function encodeCursor(sortKey: string, id: string): string {
  return Buffer.from(JSON.stringify([sortKey, id])).toString('base64url');
}

/**
 * A 422: the cursor's form is a string the schema allows; whether this API gave it out for
 * this sort is a rule no schema can state (so the fuzzer's valid-looking cursors are 422s).
 */
function refused(): UnprocessableEntityException {
  return new UnprocessableEntityException({
    message: 'cursor is not one this API gave out for this sort',
    field: 'cursor',
    rule: 'cursor',
  });
}

function isTimeKey(key: string): boolean {
  if (key === 'infinity') return true;
  const match = PG_TIMESTAMP.exec(key);
  return match !== null && isCalendarDate(match[1]);
}

/**
 * Reads a cursor back and checks each part against what the SQL will cast it to (a uuid, and a
 * time or a title), so a forged or stale cursor is a 422 here rather than a cast error there.
 */
export function decodeCursor(cursor: string, keyKind: CursorKeyKind): [string, string] {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refused();
  }
  if (!Array.isArray(value) || value.length !== 2) throw refused();
  const [key, id] = value as unknown[];
  if (typeof key !== 'string' || typeof id !== 'string' || !UUID.test(id)) throw refused();
  if (keyKind === 'time' && !isTimeKey(key)) throw refused();
  // A title cursor is compared as text: any text the read model could hold, nothing more.
  if (keyKind === 'text' && (key.length > 2_000 || key.includes('\u0000'))) throw refused();
  return [key, id];
}
