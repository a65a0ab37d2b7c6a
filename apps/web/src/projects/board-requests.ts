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
export type BoardQuery = NonNullable<paths['/projects/board']['get']['parameters']['query']>;

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

/** The board's first screen: the counts' filters and the columns' page size. */
export function boardScreenQuery(filters: BoardFilters): BoardQuery {
  return { ...boardCountsQuery(filters), limit: BOARD_PAGE_SIZE };
}

/** One page of the read model's project list, from `cursor` (none: the first page). */
export async function fetchProjectPage(query: ProjectListQuery, cursor: string | undefined) {
  return (await api.GET('/projects', { params: { query: { ...query, cursor } } })).data!;
}

export type ProjectPage = Awaited<ReturnType<typeof fetchProjectPage>>;

export async function fetchStageCounts(query: StageCountsQuery) {
  return (await api.GET('/projects/stage-counts', { params: { query } })).data!;
}

export type StageCounts = Awaited<ReturnType<typeof fetchStageCounts>>;

/**
 * Every column's first page and the counts in one answer (GET /projects/board), as GET
 * /projects and GET /projects/stage-counts give them: a direct visit's first screen asks for
 * this instead of six requests.
 */
export async function fetchBoard(query: BoardQuery) {
  return (await api.GET('/projects/board', { params: { query } })).data!;
}

export type Board = Awaited<ReturnType<typeof fetchBoard>>;

/** A column of the board's answer as the list's page the column's query caches. */
export function columnPage(board: Board, stage: Stage): ProjectPage {
  const column = board.columns.find((candidate) => candidate.stage === stage);
  return { items: column?.items ?? [], nextCursor: column?.nextCursor ?? null };
}
