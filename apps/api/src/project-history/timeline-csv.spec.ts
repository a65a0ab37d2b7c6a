import { parse } from 'csv-parse/sync';
import { neutraliseFormula, timelineCsv } from './timeline-csv';
import type { TimelineEntry } from './timeline.types';

const entry = (comment: string): TimelineEntry => ({
  at: '2026-01-01T00:00:00.000Z',
  kind: 'decision',
  type: 'requestRevision',
  actorUserId: 'u-1',
  actorName: '陈老师',
  actorRole: 'mentor',
  actorMentorId: 'm-1',
  comment,
  outcome: 'accepted: BUSINESS_PLAN (ACTIVE)',
  decisionId: 'd-1',
  runId: 'r-1',
  eventId: '5',
  auditSeq: '7',
  details: { comment },
});

describe('timeline CSV', () => {
  it.each([
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@cmd', "'@cmd"],
    ['\tTAB', "'\tTAB"],
    ['plain, text', 'plain, text'],
    ['中文', '中文'],
  ])('neutralises %j as %j', (given, expected) => {
    expect(neutraliseFormula(given)).toBe(expected);
  });

  it('writes a BOM and round-trips commas, quotes, newlines and Chinese text', () => {
    const comments = ['逗号, "引号"\n换行', '=HYPERLINK("x")', 'ok'];
    const csv = timelineCsv(
      comments.map((comment) => ({ entry: entry(comment) })),
      false,
    );
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const rows = parse<Record<string, string>>(csv, { bom: true, columns: true });
    expect(rows.map((row) => row.comment)).toEqual([comments[0], `'${comments[1]}`, 'ok']);
    expect(rows[0].actor_name).toBe('陈老师');
  });

  it('starts each row with its project in a bulk export', () => {
    const csv = timelineCsv(
      [{ project: { projectId: 'p-1', title: '=标题' }, entry: entry('x') }],
      true,
    );
    const rows = parse<Record<string, string>>(csv, { bom: true, columns: true });
    expect(rows[0]).toEqual(
      expect.objectContaining({ project_id: 'p-1', project_title: "'=标题" }),
    );
  });
});
