import type { Application } from '../application.types';
import { checkEligibility } from '../eligibility.rules';
import { ruleRefused } from '../refusal.types';
import { Stage } from '../stage.types';
import type { DecisionSpec } from './decision-spec.types';
import { comment } from './shape-checks';

export interface ResubmitApplicationDecision {
  type: 'resubmitApplication';
  /** The revised application; its college must stay the same (the title claim is per college). */
  application: Application;
  comment?: string;
}

/** Staff resubmit an application screening returned, revised; it waits for screening again. */
export const resubmitApplication: DecisionSpec<ResubmitApplicationDecision> = {
  permission: { authority: 'staff', stages: [Stage.APPLICATION] },
  shape: {
    fields: ['application', 'comment'],
    check: (d) => [...checkEligibility(d.application, 'application'), ...comment(d.comment)],
  },
  judge: (state, _actor, decision) => {
    if (!state.screening.awaitingResubmission) {
      return ruleRefused(
        'not-returned',
        'Only an application returned by screening can be resubmitted.',
      );
    }
    // The title claim (unique per college, held in the database since submission) names the
    // project: a resubmission revises the content, not the title or the college.
    if (decision.application.college !== state.application.college) {
      return ruleRefused(
        'college-fixed',
        `A resubmission keeps the college "${state.application.college}"; apply as a new project instead.`,
        'application.college',
      );
    }
    if (decision.application.title !== state.application.title) {
      return ruleRefused(
        'title-fixed',
        `A resubmission keeps the title "${state.application.title}"; apply as a new project instead.`,
        'application.title',
      );
    }
    return null;
  },
  effect: (state, decision) => ({
    state: {
      ...state,
      application: decision.application,
      screening: { ...state.screening, awaitingResubmission: false },
    },
    message: 'The revised application waits for screening.',
  }),
  attends: true,
  whileOnHold: false,
  asks: { zh: '重新提交申请', en: 'resubmit the application' },
};
