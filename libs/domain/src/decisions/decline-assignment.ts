import { Stage } from '../stage.types';
import { failProposal } from '../state-transitions.rules';
import { judgeAnswerToProposal } from './answer-to-proposal.rules';
import type { DecisionSpec } from './decision-spec.types';
import { REASON_ONLY, type ReasonOnlyDecision } from './shape-checks';

export type DeclineAssignmentDecision = ReasonOnlyDecision<'declineAssignment'>;

/** The proposed mentor declines, saying why, and is never proposed for this project again. */
export const declineAssignment: DecisionSpec<DeclineAssignmentDecision> = {
  permission: { authority: 'mentor', stages: [Stage.MENTOR_MATCHING] },
  shape: REASON_ONLY,
  judge: (state, actor) => judgeAnswerToProposal(state, actor),
  effect: (state, _decision, { policy, now }) => ({
    state: failProposal(state, policy, 'declined', now),
    message: 'The mentor declined and is excluded from this project; assign another mentor.',
  }),
  attends: true,
  whileOnHold: false,
  asks: null,
};
