import { OPEN_STAGES, type Stage } from '@app/domain';
import {
  boardScreenQuery,
  columnPage,
  fetchBoard,
  type ProjectPage,
  type StageCounts,
} from '../projects/board-requests';
import { formatDateTime } from '../i18n/format';
import { fetchMe } from './me-request';

/** The board's own address (the console is served under /app/). */
export const BOARD_PATH = /^\/app\/board\/?$/;

/** The board's code, fetched by its route and, on a direct visit, at once. */
export const loadBoardPage = () => import('../projects/BoardPage');

/** What a direct visit to the board asked for before the app's code arrived. */
export interface EarlyBoardRequests {
  me: ReturnType<typeof fetchMe>;
  firstPages: Map<Stage, Promise<ProjectPage>>;
  counts: Promise<StageCounts>;
}

let early: EarlyBoardRequests | undefined;

/** The caller sees a failure when it takes the promise; until then it is not "unhandled". */
function kept<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/**
 * Run by the page's entry, before React, antd and i18next have even downloaded: on a direct
 * visit to the board, the caller, the board's first screen (every column's first page and the
 * counts, one request) and the board's code are asked for at once (the profile had them wait
 * ~1 s for the app's ~800 KB of script to arrive and run, bench/README.md C2). The API still
 * decides: without a session these are 401s.
 */
export function startEarlyRequests(pathname: string): void {
  if (!BOARD_PATH.test(pathname)) return;
  // The data first: Chromium opens six connections to a host, and the board's code would
  // otherwise take them ahead of the caller and the first screen.
  const me = kept(fetchMe());
  const board = kept(fetchBoard(boardScreenQuery({})));
  early = {
    me,
    firstPages: new Map(
      OPEN_STAGES.map((stage) => [stage, kept(board.then((answer) => columnPage(answer, stage)))]),
    ),
    counts: kept(board.then((answer) => answer.counts)),
  };
  void loadBoardPage();
  // The first date formatter costs ~60 ms (ICU loads the locale's and the time zone's data):
  // built now, while the app's code is still on its way, for the board's due dates. (The
  // default language; a browser that chose English builds its own later.)
  formatDateTime(new Date().toISOString(), 'zh-CN');
}

/** The early requests, to the first caller only (the route prefetch seeds the cache with them). */
export function takeEarlyBoardRequests(): EarlyBoardRequests | undefined {
  const taken = early;
  early = undefined;
  return taken;
}
