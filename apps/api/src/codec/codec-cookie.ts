import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse } from 'cookie';

/** Holds the caller's bearer token for the Web UI, which can send cookies but no header. */
export const CODEC_COOKIE = 'incubation_codec';

/**
 * For the codec routes only: a request without an Authorization header but with the codec
 * cookie is authenticated with the token that cookie holds, by the same guard as every route.
 */
export function codecCookieAuthentication(
  request: IncomingMessage,
  _response: ServerResponse,
  next: () => void,
): void {
  const token = parse(request.headers.cookie ?? '')[CODEC_COOKIE];
  if (!request.headers.authorization && token) request.headers.authorization = `Bearer ${token}`;
  next();
}
