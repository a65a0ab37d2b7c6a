import { ruleRefused } from '../refusal.types';
import { Stage } from '../stage.types';
import { closeProject } from '../state-transitions.rules';
import type { DecisionSpec } from './decision-spec.types';
import { COMMENT_ONLY, type CommentOnlyDecision } from './shape-checks';

export type ApproveIncubationDecision = CommentOnlyDecision<'approveIncubation'>;

/** Staff give the final approval: the project is INCUBATED (and closed). */
export const approveIncubation: DecisionSpec<ApproveIncubationDecision> = {
  permission: { authority: 'staff', stages: [Stage.COMPANY_REGISTRATION] },
  shape: COMMENT_ONLY,
  judge: (state) =>
    state.company
      ? null
      : ruleRefused('no-company', 'Record the company before approving the incubation.'),
  effect: (state, _decision, { now }) => ({
    state: closeProject(state, Stage.INCUBATED, undefined, now),
    message: 'The project is incubated.',
  }),
  attends: true,
  whileOnHold: false,
  asks: { zh: '最终审批入孵', en: 'give the final incubation approval' },
};
