/** What stands in for a redacted value in the logs (as for headers). */
export const REDACTED = '[redacted]';

/**
 * A URL as the logs may keep it: the path and the query's names, never its values (a client may
 * send a token as `?access_token=`, and filters carry people's names and project titles).
 */
export function redactUrl(url: string): string {
  const start = url.indexOf('?');
  if (start === -1) return url;
  const hash = url.indexOf('#', start);
  const query = url.slice(start + 1, hash === -1 ? undefined : hash);
  const names = query
    .split('&')
    .filter(Boolean)
    .map((pair) => `${pair.split('=', 1)[0]}=${REDACTED}`);
  return `${url.slice(0, start)}?${names.join('&')}`;
}
