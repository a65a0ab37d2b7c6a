import type { Queryable } from '../queryable';

export type CalendarOverrideKind = 'holiday' | 'workday';

/** An operator's correction of one day of the working-day calendar. */
export interface StoredCalendarOverride {
  /** YYYY-MM-DD, in the Asia/Shanghai calendar. */
  date: string;
  kind: CalendarOverrideKind;
  note: string;
  createdAt: Date;
}

const COLUMNS = `to_char(date, 'YYYY-MM-DD') AS date, kind, note, created_at AS "createdAt"`;

/** The overrides in date order, of one year if given. */
export async function calendarOverrides(
  db: Queryable,
  year?: number,
): Promise<StoredCalendarOverride[]> {
  return db.query(
    `SELECT ${COLUMNS} FROM calendar_overrides
      WHERE $1::int IS NULL OR extract(year FROM date) = $1::int ORDER BY date`,
    [year ?? null],
  );
}

/** The day's override, locked until the transaction ends. */
export async function calendarOverrideForUpdate(
  db: Queryable,
  date: string,
): Promise<{ kind: string; note: string } | undefined> {
  const rows: { kind: string; note: string }[] = await db.query(
    'SELECT kind, note FROM calendar_overrides WHERE date = $1 FOR UPDATE',
    [date],
  );
  return rows[0];
}

/** Sets the day's override, replacing an earlier one for the same day. */
export async function setCalendarOverride(
  db: Queryable,
  override: { date: string; kind: CalendarOverrideKind; note: string },
): Promise<StoredCalendarOverride> {
  const rows: StoredCalendarOverride[] = await db.query(
    `INSERT INTO calendar_overrides (date, kind, note) VALUES ($1, $2, $3)
     ON CONFLICT (date) DO UPDATE SET kind = EXCLUDED.kind, note = EXCLUDED.note
     RETURNING ${COLUMNS}`,
    [override.date, override.kind, override.note],
  );
  return rows[0];
}

/** Removes the day's override; answers what it was, or undefined when there was none. */
export async function removeCalendarOverride(
  db: Queryable,
  date: string,
): Promise<{ kind: string; note: string } | undefined> {
  // TypeORM answers a DELETE … RETURNING with [rows, affected count], not the rows.
  const [rows] = await db.query<[{ kind: string; note: string }[], number]>(
    'DELETE FROM calendar_overrides WHERE date = $1 RETURNING kind, note',
    [date],
  );
  return rows[0];
}
