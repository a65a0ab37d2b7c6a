import antdStylesheet from 'antd/dist/antd.css?url';

let loaded: Promise<void> | undefined;

/**
 * antd's whole stylesheet (~1 MB), which every page but the first screens needs: the entry
 * ships only the board's and sign-in's part of it (apps/web/scripts/antd-first-screen.ts).
 * Inserted before the page's other stylesheets, so the cascade is as if it had been the
 * first; resolves once it applies (or failed: the page still renders). Asked again, the same
 * promise.
 */
export function loadFullStylesheet(): Promise<void> {
  loaded ??= new Promise((settled) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = antdStylesheet;
    link.addEventListener('load', () => settled(), { once: true });
    link.addEventListener('error', () => settled(), { once: true });
    document.head.insertBefore(link, document.head.querySelector('link[rel="stylesheet"], style'));
  });
  return loaded;
}

/**
 * Downloads the whole stylesheet without applying it: parsing ~1 MB of CSS and restyling the
 * page blocks the main thread for a few hundred ms, which the board, drawn with its own part,
 * does not need; the next page applies it from the cache.
 */
export function prefetchFullStylesheet(): void {
  if (loaded || document.querySelector(`link[rel="preload"][href="${antdStylesheet}"]`)) return;
  const link = document.createElement('link');
  link.rel = 'preload';
  link.as = 'style';
  link.href = antdStylesheet;
  document.head.appendChild(link);
}

/** A route's code, ready once the whole stylesheet is there too (for React.lazy). */
export function withFullStylesheet<T>(route: Promise<T>): Promise<T> {
  return Promise.all([route, loadFullStylesheet()]).then(([module]) => module);
}
