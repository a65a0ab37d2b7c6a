import type { Actor } from '../actor.types';
import { planAwaitingReview } from '../project-state.rules';
import type { ProjectState } from '../project-state.types';
import { Refusal, ruleRefused } from '../refusal.types';

/** Only the assigned mentor reviews, and only a version awaiting review. */
export function judgeReview(state: ProjectState, actor: Actor): Refusal | null {
  if (actor.mentorId !== state.matching.assignedMentorId) {
    return ruleRefused('not-your-project', 'Only the assigned mentor reviews this business plan.');
  }
  return planAwaitingReview(state)
    ? null
    : ruleRefused('no-plan-awaiting-review', 'No business-plan version is awaiting review.');
}
