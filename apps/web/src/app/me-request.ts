import { api } from '../api/client';
import { isApiError } from '../api/api-error';

/** The signed-in account, or null when the browser has no valid session cookie. */
export async function fetchMe() {
  try {
    const { data } = await api.GET('/me');
    return data ?? null;
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}
