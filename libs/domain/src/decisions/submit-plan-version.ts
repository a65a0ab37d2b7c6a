import type { PlanDocument, PlanSummaries } from '../business-plan.types';
import { planAwaitingReview } from '../project-state.rules';
import { withPlanVersion } from '../record-fields.rules';
import { ruleRefused } from '../refusal.types';
import { Stage } from '../stage.types';
import type { DecisionSpec } from './decision-spec.types';
import { checkPlanDocument, checkPlanSummaries, comment } from './shape-checks';

export interface SubmitPlanVersionDecision {
  type: 'submitPlanVersion';
  document: PlanDocument;
  summaries: PlanSummaries;
  comment?: string;
}

/** Staff submit a version of the business plan for the mentor's review. */
export const submitPlanVersion: DecisionSpec<SubmitPlanVersionDecision> = {
  permission: { authority: 'staff', stages: [Stage.BUSINESS_PLAN] },
  shape: {
    fields: ['document', 'summaries', 'comment'],
    check: (d) => [
      ...checkPlanDocument(d.document),
      ...checkPlanSummaries(d.summaries),
      ...comment(d.comment),
    ],
  },
  judge: (state) => {
    const waiting = planAwaitingReview(state);
    if (waiting) {
      return ruleRefused(
        'plan-awaiting-review',
        `Plan version ${waiting.version} is still awaiting the mentor's review.`,
      );
    }
    return state.plan.revisionLimitReached
      ? ruleRefused(
          'revision-limit-reached',
          'The maximum number of revision rounds is reached; staff may allow an extra round.',
        )
      : null;
  },
  effect: (state, decision, { actor, now }) => {
    const versions = withPlanVersion(state.plan.versions, decision, actor, now);
    return {
      state: { ...state, plan: { ...state.plan, versions } },
      message: `Plan version ${versions.length} waits for the mentor's review.`,
    };
  },
  attends: true,
  whileOnHold: false,
  asks: { zh: '提交商业计划书', en: 'submit the business plan' },
};
