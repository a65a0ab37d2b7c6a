import { stringify } from 'csv-stringify/sync';
import type { TimelineEntry } from './timeline.types';

/** A cell a spreadsheet would run as a formula (or DDE) starts with one of these. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes a would-be formula with an apostrophe, so a spreadsheet shows it as text. */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return neutraliseFormula(text);
}

const ENTRY_COLUMNS: [keyof TimelineEntry, string][] = [
  ['at', 'at'],
  ['kind', 'kind'],
  ['type', 'type'],
  ['actorName', 'actor_name'],
  ['actorRole', 'actor_role'],
  ['actorUserId', 'actor_user_id'],
  ['actorMentorId', 'actor_mentor_id'],
  ['comment', 'comment'],
  ['outcome', 'outcome'],
  ['decisionId', 'decision_id'],
  ['runId', 'run_id'],
  ['eventId', 'event_id'],
  ['auditSeq', 'audit_seq'],
  ['details', 'details'],
];

export interface CsvRowContext {
  projectId: string;
  title: string;
}

/**
 * Timeline rows as CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel reads Chinese
 * text), every field quoted where it holds a comma, quote or line break (csv-stringify), and
 * formula-looking cells neutralised. With `project`, each row starts with the project it is from.
 */
export function timelineCsv(
  rows: { project?: CsvRowContext; entry: TimelineEntry }[],
  withProject: boolean,
): string {
  const header = [
    ...(withProject ? ['project_id', 'project_title'] : []),
    ...ENTRY_COLUMNS.map(([, name]) => name),
  ];
  const records = rows.map(({ project, entry }) => [
    ...(withProject ? [cell(project?.projectId), cell(project?.title)] : []),
    ...ENTRY_COLUMNS.map(([key]) => cell(entry[key])),
  ]);
  return stringify([header, ...records], { bom: true, record_delimiter: '\r\n' });
}
