import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useQuery,
} from '@tanstack/react-query';
import type { Stage } from '@app/domain';
import { api, FIRST_PAGE } from '../api/client';
import type { paths } from '../api/schema';

export type ProjectListQuery = NonNullable<paths['/projects']['get']['parameters']['query']>;
export type StageCountsQuery = NonNullable<
  paths['/projects/stage-counts']['get']['parameters']['query']
>;

export const projectKeys = {
  all: ['projects'] as const,
  list: (query: ProjectListQuery) => ['projects', 'list', query] as const,
  stageCounts: (query: StageCountsQuery) => ['projects', 'stage-counts', query] as const,
  detail: (projectId: string) => ['projects', projectId] as const,
  candidates: (projectId: string) => ['projects', projectId, 'mentor-candidates'] as const,
  timeline: (projectId: string) => ['projects', projectId, 'timeline'] as const,
};

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

/** One stage's column: pages of the read model, never the whole portfolio. */
export function projectPagesQuery(query: ProjectListQuery) {
  return infiniteQueryOptions({
    queryKey: projectKeys.list(query),
    queryFn: async ({ pageParam }) =>
      (await api.GET('/projects', { params: { query: { ...query, cursor: pageParam } } })).data!,
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    // A page prefetched on arrival is shown, not asked for again as the column mounts.
    staleTime: 15_000,
  });
}

export function useProjectPages(query: ProjectListQuery) {
  return useInfiniteQuery(projectPagesQuery(query));
}

/** How many projects each column holds past its loaded pages (the list carries no total). */
export function stageCountsQuery(query: StageCountsQuery) {
  return queryOptions({
    queryKey: projectKeys.stageCounts(query),
    queryFn: async () => (await api.GET('/projects/stage-counts', { params: { query } })).data!,
    staleTime: 30_000,
  });
}

export function useStageCounts(query: StageCountsQuery) {
  return useQuery(stageCountsQuery(query));
}

export function useProject(projectId: string) {
  return useQuery({
    queryKey: projectKeys.detail(projectId),
    queryFn: async () =>
      (await api.GET('/projects/{projectId}', { params: { path: { projectId } } })).data!,
  });
}

export const mentorKeys = { all: ['mentors'] as const };

export function useMentors(enabled = true) {
  return useQuery({
    queryKey: mentorKeys.all,
    queryFn: async () => (await api.GET('/mentors', { params: { query: FIRST_PAGE } })).data!,
    enabled,
    staleTime: 60_000,
  });
}
