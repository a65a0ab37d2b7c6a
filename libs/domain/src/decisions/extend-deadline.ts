import type { DecisionType } from '../decisions.types';
import { checkOneOf } from '../field-checks.rules';
import { LIMITS } from '../limits.constants';
import { checkDuration } from '../policy.rules';
import type { Duration } from '../policy.types';
import { ruleRefused } from '../refusal.types';
import { OPEN_STAGES } from '../stage.types';
import type { DecisionSpec } from './decision-spec.types';
import { reason } from './shape-checks';
import { DECISION_TYPES } from './index';

export interface ExtendDeadlineDecision {
  type: 'extendDeadline';
  /** The pending action whose due time moves, e.g. `screenApplication`. */
  action: DecisionType;
  byDuration: Duration;
  reason: string;
}

/**
 * Staff give a pending step more time, saying why. The new due time needs the working-day
 * calendar: the workflow computes it and calls setDueDate (the policy may forbid extending a
 * step: `extensionRefusal`, which the workflow's validator adds).
 */
export const extendDeadline: DecisionSpec<ExtendDeadlineDecision> = {
  permission: { authority: 'staff', stages: OPEN_STAGES },
  shape: {
    fields: ['action', 'byDuration', 'reason'],
    check: (d) => [
      ...checkOneOf(d.action, 'action', DECISION_TYPES),
      ...checkDuration(d.byDuration, 'byDuration', LIMITS.extension),
      ...reason(d.reason),
    ],
  },
  judge: (state, _actor, decision) =>
    state.pendingActions.some((pending) => pending.action === decision.action)
      ? null
      : ruleRefused(
          'no-such-pending-action',
          `No ${decision.action} is pending, so its deadline cannot be extended.`,
          'action',
        ),
  effect: (state, decision) => ({
    state,
    message: `The deadline of ${decision.action} is extended.`,
  }),
  attends: true,
  whileOnHold: false,
  asks: null,
};
