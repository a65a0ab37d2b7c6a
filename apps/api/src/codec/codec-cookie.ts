import type { NextFunction, Request, Response } from 'express';

/** Holds the caller's bearer token for the Web UI, which can send cookies but no header. */
export const CODEC_COOKIE = 'incubation_codec';

/** The value of one cookie in a Cookie header (RFC 6265 pairs, `; `-separated). */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const pair of (header ?? '').split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === name)
      return decodeURIComponent(pair.slice(eq + 1).trim());
  }
  return undefined;
}

/**
 * For the codec routes only: a request without an Authorization header but with the codec
 * cookie is authenticated with the token that cookie holds, by the same guard as every route.
 */
export function codecCookieAuthentication(
  request: Request,
  _response: Response,
  next: NextFunction,
): void {
  const token = cookieValue(request.headers.cookie, CODEC_COOKIE);
  if (!request.headers.authorization && token) request.headers.authorization = `Bearer ${token}`;
  next();
}
