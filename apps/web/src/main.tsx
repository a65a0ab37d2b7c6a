// antd's styles as one static file, so no page generates them at run time (zeroRuntime).
import 'antd/dist/antd.css';
import { startEarlyRequests } from './app/early-requests';

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
void Promise.all([import('./boot'), pageReady()]).then(([boot]) => boot.start());
