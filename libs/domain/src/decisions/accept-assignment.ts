import { Stage } from '../stage.types';
import { enterStage } from '../state-transitions.rules';
import { judgeAnswerToProposal } from './answer-to-proposal.rules';
import type { DecisionSpec } from './decision-spec.types';
import { COMMENT_ONLY, type CommentOnlyDecision } from './shape-checks';

export type AcceptAssignmentDecision = CommentOnlyDecision<'acceptAssignment'>;

/**
 * The proposed mentor accepts: the project is theirs and moves to BUSINESS_PLAN. (The workflow
 * first takes one of the mentor's places, which only the database can grant.)
 */
export const acceptAssignment: DecisionSpec<AcceptAssignmentDecision> = {
  permission: { authority: 'mentor', stages: [Stage.MENTOR_MATCHING] },
  shape: COMMENT_ONLY,
  judge: (state, actor) => judgeAnswerToProposal(state, actor),
  effect: (state, _decision, { now }) => ({
    state: enterStage(
      {
        ...state,
        matching: {
          ...state.matching,
          assignedMentorId: state.matching.proposedMentorId,
          proposedMentorId: undefined,
          proposedAt: undefined,
        },
      },
      Stage.BUSINESS_PLAN,
      now,
    ),
    message: 'The mentor accepted; the project moves to BUSINESS_PLAN.',
  }),
  attends: true,
  whileOnHold: false,
  asks: { zh: '接受或婉拒导师指派', en: 'accept or decline the mentor assignment' },
};
