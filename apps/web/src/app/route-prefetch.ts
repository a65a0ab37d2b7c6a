import type { QueryClient } from '@tanstack/react-query';
import { OPEN_STAGES } from '@app/domain';
import {
  boardColumnQuery,
  boardCountsQuery,
  projectPagesQuery,
  stageCountsQuery,
} from '../projects/queries';
import { BOARD_PATH, loadBoardPage, takeEarlyBoardRequests } from './early-requests';
import { meQuery } from './session';

export { loadBoardPage } from './early-requests';

/**
 * On a direct visit to the board, puts its code, the caller and the first page of every column
 * into the cache at once, instead of one after another (page code → who am I → board code →
 * pages): from the requests the entry already sent (early-requests.ts), or sent now. The API
 * still decides, and a refused request is only a cache entry the page asks again for.
 */
export function prefetchRoute(queryClient: QueryClient, pathname: string): void {
  if (!BOARD_PATH.test(pathname)) return;
  void loadBoardPage();
  const early = takeEarlyBoardRequests();
  void queryClient.prefetchQuery(early ? { ...meQuery, queryFn: () => early.me } : meQuery);
  for (const stage of OPEN_STAGES) {
    const pages = projectPagesQuery(boardColumnQuery(stage, {}));
    const firstPage = early?.firstPages.get(stage);
    void queryClient.prefetchInfiniteQuery(
      firstPage ? { ...pages, queryFn: () => firstPage } : pages,
    );
  }
  const counts = stageCountsQuery(boardCountsQuery({}));
  void queryClient.prefetchQuery(early ? { ...counts, queryFn: () => early.counts } : counts);
}
