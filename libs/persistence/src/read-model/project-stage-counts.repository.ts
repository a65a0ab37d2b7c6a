import type { DataSource } from 'typeorm';
import { ProjectListFilter, projectFilterPredicates } from '../projects/project-list.queries';

/** The board's filters, as the project list takes them (no sort, cursor or page size). */
export interface ProjectBoardFilter extends Omit<ProjectListFilter, 'titleContains'> {
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
  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = projectFilterPredicates({ ...filter, titleContains: filter.q }, param);
  return dataSource.query<StageCountRow[]>(
    `SELECT stage, count(*)::int AS projects
       FROM projects
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      GROUP BY stage`,
    params,
  );
}
