import type { Queryable } from '../queryable';
import type { StoredProject } from './projects.repository';

export type ProjectListSort = 'updatedAt' | 'createdAt' | 'title' | 'nextDueAt';

/** What the project list filters on; every field left out filters nothing. */
export interface ProjectListFilter {
  mentorId?: string;
  stage?: string;
  status?: string;
  college?: string;
  needsAttention?: boolean;
  /** true: only projects with a pending step past its due time; false: only the others. */
  overdue?: boolean;
  /** Text in the title, case-insensitive. */
  titleContains?: string;
}

export interface ProjectListRequest {
  filter: ProjectListFilter;
  sort: ProjectListSort;
  descending: boolean;
  /** The sort key (text, or a timestamptz as text) and id of the row the page starts after. */
  after?: { key: string; id: string };
  /** Rows to answer at most. */
  limit: number;
}

/** A listed project with its sort key as text, for the next page's cursor. */
export type ListedProject = Omit<
  StoredProject,
  'workflowId' | 'pendingActions' | 'assignedMentorId'
> & {
  sortKey: string;
};

/** Sort keys as SQL; a missing due date sorts after every real one. */
const SORT_SQL: Record<ProjectListSort, string> = {
  updatedAt: 'updated_at',
  createdAt: 'created_at',
  title: 'title',
  nextDueAt: "COALESCE(next_due_at, 'infinity'::timestamptz)",
};

/**
 * The list's filters as SQL predicates on `projects`, their values bound through `param`: the
 * list and the board's per-stage counts share them, so a column's count is all its pages.
 */
export function projectFilterPredicates(
  filter: ProjectListFilter,
  param: (value: unknown) => string,
): string[] {
  const where: string[] = [];
  if (filter.mentorId !== undefined) where.push(`mentor_id = ${param(filter.mentorId)}`);
  if (filter.stage) where.push(`stage = ${param(filter.stage)}`);
  if (filter.status) where.push(`status = ${param(filter.status)}`);
  if (filter.college) where.push(`college = ${param(filter.college)}`);
  if (filter.needsAttention !== undefined)
    where.push(`needs_attention = ${param(filter.needsAttention)}`);
  if (filter.overdue === true) where.push(`next_due_at < now()`);
  if (filter.overdue === false) where.push(`(next_due_at IS NULL OR next_due_at >= now())`);
  if (filter.titleContains) {
    const escaped = filter.titleContains.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
    where.push(`lower(title) LIKE ${param(`%${escaped}%`)}`);
  }
  return where;
}

/**
 * One page of the project list, straight from the read model: filters and keyset pagination
 * in SQL, so a page costs the same at ten thousand projects as at ten.
 */
export async function listProjects(
  db: Queryable,
  request: ProjectListRequest,
): Promise<ListedProject[]> {
  const { filter } = request;
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  where.push(...projectFilterPredicates(filter, param));

  const sort = SORT_SQL[request.sort];
  const sortText = `(${sort})::text`;
  if (request.after) {
    const keyParam = param(request.after.key);
    const idParam = param(request.after.id);
    const typed = request.sort === 'title' ? keyParam : `${keyParam}::timestamptz`;
    where.push(`(${sort}, id) ${request.descending ? '<' : '>'} (${typed}, ${idParam}::uuid)`);
  }
  const direction = request.descending ? 'DESC' : 'ASC';
  return db.query(
    `SELECT id, title, college, stage, status, mentor_id AS "mentorId",
            needs_attention AS "needsAttention", attention_reasons AS "attentionReasons",
            next_due_at AS "nextDueAt", revision_rounds AS "revisionRounds", version,
            created_at AS "createdAt", updated_at AS "updatedAt", closed_at AS "closedAt",
            ${sortText} AS "sortKey"
       FROM projects
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY ${sort} ${direction}, id ${direction}
      LIMIT ${param(request.limit)}`,
    params,
  );
}
