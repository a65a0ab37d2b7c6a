import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useQuery,
} from '@tanstack/react-query';
import { api, FIRST_PAGE } from '../api/client';
import {
  fetchProjectPage,
  fetchStageCounts,
  type ProjectListQuery,
  type StageCountsQuery,
} from './board-requests';

export {
  BOARD_PAGE_SIZE,
  boardColumnQuery,
  boardCountsQuery,
  type BoardFilters,
  type ProjectListQuery,
  type StageCountsQuery,
} from './board-requests';

export const projectKeys = {
  all: ['projects'] as const,
  list: (query: ProjectListQuery) => ['projects', 'list', query] as const,
  stageCounts: (query: StageCountsQuery) => ['projects', 'stage-counts', query] as const,
  detail: (projectId: string) => ['projects', projectId] as const,
  candidates: (projectId: string) => ['projects', projectId, 'mentor-candidates'] as const,
  timeline: (projectId: string) => ['projects', projectId, 'timeline'] as const,
};

/** One stage's column: pages of the read model, never the whole portfolio. */
export function projectPagesQuery(query: ProjectListQuery) {
  return infiniteQueryOptions({
    queryKey: projectKeys.list(query),
    queryFn: ({ pageParam }) => fetchProjectPage(query, pageParam),
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
    queryFn: () => fetchStageCounts(query),
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
