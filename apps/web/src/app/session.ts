import { queryOptions, useQuery } from '@tanstack/react-query';
import { fetchMe } from './me-request';

export const meKey = ['me'] as const;

/** The signed-in account, or null when the browser has no valid session cookie. */
export const meQuery = queryOptions({
  queryKey: meKey,
  queryFn: fetchMe,
  staleTime: 60_000,
  retry: false,
});

export function useMe() {
  return useQuery(meQuery);
}

export type Role = 'staff' | 'mentor' | 'reviewer' | 'admin';

/** Admins may do everything staff may; the API decides, this only hides what would be refused. */
export function canActAsStaff(role: string | undefined): boolean {
  return role === 'staff' || role === 'admin';
}
export function canReadEverything(role: string | undefined): boolean {
  return role === 'staff' || role === 'admin' || role === 'reviewer';
}
