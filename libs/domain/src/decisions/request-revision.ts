import { FLAG_REASONS, ProjectState } from '../project-state.types';
import { Stage } from '../stage.types';
import { raiseFlag } from '../state-transitions.rules';
import type { DecisionSpec } from './decision-spec.types';
import { judgeReview } from './plan-review.rules';
import { requiredComment } from './shape-checks';
import { review } from './shared-rules';

export interface RequestRevisionDecision {
  type: 'requestRevision';
  comment: string;
}

/**
 * The assigned mentor asks for a revision, saying what to change. Past the policy's revision
 * rounds the project is flagged and waits for staff to allow an extra round.
 */
export const requestRevision: DecisionSpec<RequestRevisionDecision> = {
  permission: { authority: 'mentor', stages: [Stage.BUSINESS_PLAN] },
  shape: { fields: ['comment'], check: (d) => requiredComment(d.comment) },
  judge: (state, actor) => judgeReview(state, actor),
  effect: (state, decision, { policy, actor, now }) => {
    const reviewed = review(state, actor, 'revision_requested', decision.comment, now);
    const revisionRounds = reviewed.plan.revisionRounds + 1;
    const limitReached =
      revisionRounds >= policy.maxRevisionRounds + reviewed.plan.extraRoundsAllowed;
    const next: ProjectState = {
      ...reviewed,
      plan: { ...reviewed.plan, revisionRounds, revisionLimitReached: limitReached },
    };
    return limitReached
      ? {
          state: raiseFlag(next, FLAG_REASONS.revisionLimitReached, now),
          message:
            'A revision is requested, but the revision limit is reached: staff must allow an extra round.',
        }
      : { state: next, message: `Revision ${revisionRounds} is requested.` };
  },
  attends: true,
  whileOnHold: false,
  asks: null,
};
