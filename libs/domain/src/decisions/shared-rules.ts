import { Actor } from '../actor.types';
import { isMentorExcluded } from '../project-state.rules';
import { PlanReview, ProjectState } from '../project-state.types';
import { withLatestReviewed } from '../record-fields.rules';
import { Refusal, ruleRefused } from '../refusal.types';
import { Stage } from '../stage.types';

/** Rules and effects several decision types share. */

export const AFTER_MATCHING: readonly Stage[] = [
  Stage.BUSINESS_PLAN,
  Stage.INVESTOR_CONTACT,
  Stage.COMPANY_REGISTRATION,
];

const EXCLUSION_WHY: Record<string, string> = {
  declined: 'they declined it',
  timed_out: 'they did not answer in time',
  conflict: 'of a conflict of interest',
  replaced: 'they were replaced',
};

/** An excluded mentor is refused with why: declined, timed out, conflict, replaced. */
export function mentorExclusionRefusal(state: ProjectState, mentorId: string): Refusal | null {
  if (!isMentorExcluded(state, mentorId)) return null;
  const excluded = state.matching.excludedMentors.find((entry) => entry.mentorId === mentorId);
  const why = EXCLUSION_WHY[excluded?.reason ?? ''] ?? `of ${String(excluded?.reason)}`;
  return ruleRefused(
    'mentor-excluded',
    `Mentor ${mentorId} is excluded from this project because ${why}.`,
    'mentorId',
  );
}

/** Records the mentor's review on the version awaiting it (the latest). */
export function review(
  state: ProjectState,
  actor: Actor,
  outcome: PlanReview['outcome'],
  comment: string | undefined,
  now: string,
): ProjectState {
  const versions = withLatestReviewed(state.plan.versions, actor, outcome, comment, now);
  return versions === state.plan.versions ? state : { ...state, plan: { ...state.plan, versions } };
}

export function signOffsClearedMessage(state: ProjectState, done: string): string {
  return state.stage === Stage.INVESTOR_CONTACT && state.signOffs.length > 0
    ? `${done} Earlier sign-offs no longer count and must be given again.`
    : done;
}
