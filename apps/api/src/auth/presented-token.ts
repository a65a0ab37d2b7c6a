import type { IncomingHttpHeaders } from 'node:http';
import { isSessionToken, isWellFormedToken } from './bearer-tokens';
import { sessionTokenFromCookies } from './session-cookie';

export type PresentedToken =
  | { token: string }
  | { refusal: 'missing-token' | 'malformed-token'; detail: Record<string, unknown> };

/**
 * The token a request carries: `Authorization: Bearer …` (machines, scripts, tests), or else the
 * web console's session cookie. A header always wins over a cookie; a cookie carries sessions
 * only, never an API token.
 */
export function presentedToken(headers: IncomingHttpHeaders): PresentedToken {
  const header = headers.authorization;
  if (header) {
    const match = /^Bearer +(\S+)$/i.exec(header);
    return match && isWellFormedToken(match[1])
      ? { token: match[1] }
      : { refusal: 'malformed-token', detail: { scheme: header.split(' ', 1)[0].slice(0, 20) } };
  }
  const cookie = sessionTokenFromCookies(headers.cookie);
  if (cookie === undefined) return { refusal: 'missing-token', detail: {} };
  return isWellFormedToken(cookie) && isSessionToken(cookie)
    ? { token: cookie }
    : { refusal: 'malformed-token', detail: { scheme: 'cookie' } };
}
