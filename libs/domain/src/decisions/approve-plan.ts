import { Stage } from '../stage.types';
import { enterStage } from '../state-transitions.rules';
import type { DecisionSpec } from './decision-spec.types';
import { judgeReview } from './plan-review.rules';
import { COMMENT_ONLY, type CommentOnlyDecision } from './shape-checks';
import { review } from './shared-rules';

export type ApprovePlanDecision = CommentOnlyDecision<'approvePlan'>;

/** The assigned mentor approves the plan version under review: on to INVESTOR_CONTACT. */
export const approvePlan: DecisionSpec<ApprovePlanDecision> = {
  permission: { authority: 'mentor', stages: [Stage.BUSINESS_PLAN] },
  shape: COMMENT_ONLY,
  judge: (state, actor) => judgeReview(state, actor),
  effect: (state, decision, { actor, now }) => ({
    state: enterStage(
      review(state, actor, 'approved', decision.comment, now),
      Stage.INVESTOR_CONTACT,
      now,
    ),
    message: 'The business plan is approved; the project moves to INVESTOR_CONTACT.',
  }),
  attends: true,
  whileOnHold: false,
  asks: { zh: '审阅商业计划书', en: 'review the business plan' },
};
