// antd's styles as static files, so no page generates them at run time (zeroRuntime): the
// first screens' part here; the whole file after the board, or before any other page.
import 'virtual:antd-first-screen.css';
import { BOARD_PATH, startEarlyRequests } from './app/early-requests';
import { loadFullStylesheet } from './app/full-stylesheet';

/**
 * The page parsed and its stylesheets loaded. This entry runs as an async module
 * (vite.config.ts), so it does not wait for antd's ~1 MB stylesheet to be parsed before sending
 * the board's requests; the app waits for both before its first render, as a deferred script
 * would have.
 */
async function pageReady(): Promise<unknown> {
  if (document.readyState === 'loading') {
    await new Promise((parsed) =>
      document.addEventListener('DOMContentLoaded', parsed, { once: true }),
    );
  }
  const links = [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')];
  return Promise.all(
    links
      .filter((link) => !link.sheet)
      .map(
        (link) =>
          new Promise((settled) => {
            link.addEventListener('load', settled, { once: true });
            link.addEventListener('error', settled, { once: true });
          }),
      ),
  );
}

// The entry stays small: it sends the board's requests, then loads the app (React, antd,
// i18next), whose code would otherwise have to arrive and run before anything is asked for.
startEarlyRequests(window.location.pathname);
// The board loads antd's whole stylesheet itself once its columns are drawn (BoardPage.tsx).
const styled = BOARD_PATH.test(window.location.pathname) ? pageReady() : loadFullStylesheet();
void Promise.all([import('./boot'), pageReady(), styled]).then(([boot]) => boot.start());
