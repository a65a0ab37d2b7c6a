import { OPEN_STAGES, ProjectStatus } from '../stage.types';
import type { DecisionSpec } from './decision-spec.types';
import { REASON_ONLY, type ReasonOnlyDecision } from './shape-checks';

export type PutOnHoldDecision = ReasonOnlyDecision<'putOnHold'>;

/**
 * Staff put the project on hold, saying why: its deadlines pause until it is resumed. (A
 * project already on hold is refused as such, before the stage: see judgeProjectOpen.)
 */
export const putOnHold: DecisionSpec<PutOnHoldDecision> = {
  permission: { authority: 'staff', stages: OPEN_STAGES },
  shape: REASON_ONLY,
  judge: () => null,
  effect: (state, decision, { actor, now }) => ({
    state: {
      ...state,
      status: ProjectStatus.ON_HOLD,
      hold: {
        since: now,
        by: actor.userId,
        reason: decision.reason,
        pausedActions: state.pendingActions,
      },
    },
    message: 'The project is on hold; its deadlines are paused.',
  }),
  attends: true,
  whileOnHold: true,
  asks: null,
};
