/**
 * A timestamptz column as the ISO 8601 text `Date#toISOString` gives (UTC, milliseconds), so a
 * row read back compares equal, character for character, to what was signed or sent.
 */
export const isoTime = (column: string): string =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
