import type { QueryClient } from '@tanstack/react-query';
import { OPEN_STAGES } from '@app/domain';
import {
  boardColumnQuery,
  boardCountsQuery,
  projectPagesQuery,
  stageCountsQuery,
} from '../projects/queries';
import { meQuery } from './session';

/** The board's code, fetched by its route and, on a direct visit, at once. */
export const loadBoardPage = () => import('../projects/BoardPage');

/**
 * On a direct visit to the board, asks for its code, the caller and the first page of every
 * column at once, instead of one after another (page code → who am I → board code → pages):
 * the API still decides, and a refused request is only a cache entry the page asks again for.
 */
export function prefetchRoute(queryClient: QueryClient, pathname: string): void {
  if (!/^\/app\/board\/?$/.test(pathname)) return;
  void loadBoardPage();
  void queryClient.prefetchQuery(meQuery);
  for (const stage of OPEN_STAGES) {
    void queryClient.prefetchInfiniteQuery(projectPagesQuery(boardColumnQuery(stage, {})));
  }
  void queryClient.prefetchQuery(stageCountsQuery(boardCountsQuery({})));
}
