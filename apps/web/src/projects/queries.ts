import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
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

/** One stage's column: pages of the read model, never the whole portfolio. */
export function useProjectPages(query: ProjectListQuery) {
  return useInfiniteQuery({
    queryKey: projectKeys.list(query),
    queryFn: async ({ pageParam }) =>
      (await api.GET('/projects', { params: { query: { ...query, cursor: pageParam } } })).data!,
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** How many projects each column holds past its loaded pages (the list carries no total). */
export function useStageCounts(query: StageCountsQuery) {
  return useQuery({
    queryKey: projectKeys.stageCounts(query),
    queryFn: async () => (await api.GET('/projects/stage-counts', { params: { query } })).data!,
    // The columns' pages come first; the counts only fill in their headers.
    staleTime: 30_000,
  });
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
