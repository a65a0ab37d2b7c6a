import type { Stage } from '@app/domain';
import { api } from '../api/client';
import type { paths } from '../api/schema';

/*
 * The board's requests without React Query, so the page's entry can send them before the app's
 * code has arrived (app/early-requests.ts); queries.ts wraps the same functions.
 */

export type ProjectListQuery = NonNullable<paths['/projects']['get']['parameters']['query']>;
export type StageCountsQuery = NonNullable<
  paths['/projects/stage-counts']['get']['parameters']['query']
>;

/** The board's filters; a column adds its stage and the page size. */
export interface BoardFilters {
  q?: string;
  college?: string;
  mentorId?: string;
  stage?: Stage;
  needsAttention?: boolean;
  overdue?: boolean;
}

export const BOARD_PAGE_SIZE = 20;

export function boardColumnQuery(stage: Stage, filters: BoardFilters): ProjectListQuery {
  return {
    stage,
    q: filters.q,
    college: filters.college,
    mentorId: filters.mentorId,
    needsAttention: filters.needsAttention,
    overdue: filters.overdue,
    limit: BOARD_PAGE_SIZE,
  };
}

export function boardCountsQuery(filters: BoardFilters): StageCountsQuery {
  const { q, college, mentorId, stage, needsAttention, overdue } = filters;
  return { q, college, mentorId, stage, needsAttention, overdue };
}

/** One page of the read model's project list, from `cursor` (none: the first page). */
export async function fetchProjectPage(query: ProjectListQuery, cursor: string | undefined) {
  return (await api.GET('/projects', { params: { query: { ...query, cursor } } })).data!;
}

export type ProjectPage = Awaited<ReturnType<typeof fetchProjectPage>>;

export async function fetchStageCounts(query: StageCountsQuery) {
  return (await api.GET('/projects/stage-counts', { params: { query } })).data!;
}
