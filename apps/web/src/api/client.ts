import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { ApiError } from './api-error';

/**
 * The typed client generated from apps/api/openapi.json. The browser's session is an HttpOnly
 * cookie the API sets at sign-in, so no token ever passes through this code.
 */
export const api = createClient<paths>({
  baseUrl: window.location.origin,
  credentials: 'same-origin',
});

/** Every non-2xx answer becomes an ApiError carrying the error body the API sent. */
const throwOnError: Middleware = {
  async onResponse({ response }) {
    if (response.ok) return undefined;
    const body: unknown = await response
      .clone()
      .json()
      .catch(() => undefined);
    throw new ApiError(response.status, body);
  },
};
api.use(throwOnError);

/** A fresh id for one decision form; a retry of the same form reuses it, so it counts once. */
export function newDecisionId(): string {
  return `web-${crypto.randomUUID()}`;
}

/**
 * Page-numbered lists: the document marks `page` and `pageSize` required because the API gives
 * them defaults; the API fills them in when they are left out.
 */
export const FIRST_PAGE = {} as { page: never; pageSize: never };

/** A route that answers JSON or, on request, CSV: this caller asked for the JSON. */
export function jsonOf<T>(data: T | string | undefined): T {
  if (data === undefined || typeof data === 'string') throw new Error('expected a JSON answer');
  return data;
}
