/**
 * Ids of `patched()` changes to the project workflow. A project that started before a change
 * replays its old path; each id stays until no running project predates it (then
 * `deprecatePatch`, later removal).
 */
export const PATCHES = {
  /** extendDeadline of an overdue step counts from now, not from the due time that passed. */
  extendOverdueFromNow: 'extend-overdue-deadline-from-now',
  /** The replacing mentor is told; staff are told when a mentor accepts or declines. */
  tellMentorAnswers: 'notify-replacement-and-mentor-answers',
  /**
   * A mentor's activity and conflicts of interest are judged again from current data when
   * staff assign them (with capacity) and when they accept or replace a mentor; a refusal is
   * recorded, and a conflict found then is recorded as the project's exclusion.
   */
  recheckMentorOnAssignment: 'recheck-mentor-on-assignment-and-acceptance',
  /**
   * A decision's read model and audit entry are written by a local activity in the Update's
   * own workflow task (falling back to the ordinary activity when it keeps failing).
   */
  recordDecisionsAsLocalActivity: 'record-decisions-as-local-activity',
} as const;
