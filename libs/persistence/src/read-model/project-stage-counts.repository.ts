import type { DataSource } from 'typeorm';

/** The board's filters, as the project list takes them (no sort, cursor or page size). */
export interface ProjectBoardFilter {
  mentorId?: string;
  stage?: string;
  status?: string;
  college?: string;
  needsAttention?: boolean;
  overdue?: boolean;
  /** Text in the title, case-insensitive. */
  q?: string;
}

export interface StageCountRow {
  stage: string;
  projects: number;
}

/**
 * How many projects of the read model match the board's filters, per stage: one grouped count
 * beside the list's keyset pages, so a column's header tells the whole number without the
 * list route paying for a total on every page.
 */
export async function countProjectsByStage(
  dataSource: DataSource,
  filter: ProjectBoardFilter,
): Promise<StageCountRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  // The same predicates as the list, so a column's count is the length of all its pages.
  if (filter.mentorId !== undefined) where.push(`mentor_id = ${param(filter.mentorId)}`);
  if (filter.stage) where.push(`stage = ${param(filter.stage)}`);
  if (filter.status) where.push(`status = ${param(filter.status)}`);
  if (filter.college) where.push(`college = ${param(filter.college)}`);
  if (filter.needsAttention !== undefined)
    where.push(`needs_attention = ${param(filter.needsAttention)}`);
  if (filter.overdue === true) where.push(`next_due_at < now()`);
  if (filter.overdue === false) where.push(`(next_due_at IS NULL OR next_due_at >= now())`);
  if (filter.q) {
    const escaped = filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
    where.push(`lower(title) LIKE ${param(`%${escaped}%`)}`);
  }
  return dataSource.query<StageCountRow[]>(
    `SELECT stage, count(*)::int AS projects
       FROM projects
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      GROUP BY stage`,
    params,
  );
}
