import { ruleRefused } from '../refusal.types';
import { Stage } from '../stage.types';
import type { DecisionSpec } from './decision-spec.types';
import { REASON_ONLY, type ReasonOnlyDecision } from './shape-checks';

export type AllowExtraRevisionRoundDecision = ReasonOnlyDecision<'allowExtraRevisionRound'>;

/** Staff allow one more revision round once the policy's rounds are used up. */
export const allowExtraRevisionRound: DecisionSpec<AllowExtraRevisionRoundDecision> = {
  permission: { authority: 'staff', stages: [Stage.BUSINESS_PLAN] },
  shape: REASON_ONLY,
  judge: (state) =>
    state.plan.revisionLimitReached
      ? null
      : ruleRefused(
          'revision-limit-not-reached',
          'An extra revision round can only be allowed once the revision limit is reached.',
        ),
  effect: (state) => ({
    state: {
      ...state,
      plan: {
        ...state.plan,
        extraRoundsAllowed: state.plan.extraRoundsAllowed + 1,
        revisionLimitReached: false,
      },
    },
    message: 'One more revision round is allowed; staff may submit a revised plan.',
  }),
  attends: true,
  whileOnHold: false,
  asks: { zh: '决定是否允许额外修改轮次', en: 'decide on an extra revision round' },
};
