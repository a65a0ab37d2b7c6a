/**
 * Ids of `patched()` changes to the project workflow. A project that started before a change
 * replays its old path; each id stays until no running project predates it (then
 * `deprecatePatch`, later removal).
 */
export const PATCHES = {
  /** extendDeadline of an overdue step counts from now, not from the due time that passed. */
  extendOverdueFromNow: 'extend-overdue-deadline-from-now',
} as const;
