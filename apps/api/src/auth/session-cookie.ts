import { parse, serialize } from 'cookie';

/** The browser console's session: the same `ips_` session token, carried in a cookie. */
export const SESSION_COOKIE = 'ips_session';

/**
 * HttpOnly so no script can read it, SameSite=Strict so no other site's page can send it, and
 * Secure when the request came over TLS (directly or through a proxy the app trusts).
 */
export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  return serialize(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/',
    expires: expiresAt,
  });
}

/** Tells the browser to drop the cookie (sign-out, or a cookie the API no longer accepts). */
export function clearedSessionCookie(secure: boolean): string {
  return serialize(SESSION_COOKIE, '', {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/',
    expires: new Date(0),
  });
}

export function sessionTokenFromCookies(header: string | undefined): string | undefined {
  if (!header) return undefined;
  return parse(header)[SESSION_COOKIE] || undefined;
}
