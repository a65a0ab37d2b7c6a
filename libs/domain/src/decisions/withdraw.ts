import { OPEN_STAGES, Stage } from '../stage.types';
import { closeProject } from '../state-transitions.rules';
import type { DecisionSpec } from './decision-spec.types';
import { REASON_ONLY, type ReasonOnlyDecision } from './shape-checks';

export type WithdrawDecision = ReasonOnlyDecision<'withdraw'>;

/** Staff withdraw the project at any open stage, held or not, saying why: WITHDRAWN (closed). */
export const withdraw: DecisionSpec<WithdrawDecision> = {
  permission: { authority: 'staff', stages: OPEN_STAGES },
  shape: REASON_ONLY,
  judge: () => null,
  effect: (state, decision, { now }) => ({
    state: closeProject(state, Stage.WITHDRAWN, decision.reason, now),
    message: 'The project is withdrawn.',
  }),
  attends: true,
  whileOnHold: true,
  asks: null,
};
