import { ruleRefused } from '../refusal.types';
import { Stage } from '../stage.types';
import type { DecisionSpec } from './decision-spec.types';
import { comment, id } from './shape-checks';
import { mentorExclusionRefusal } from './shared-rules';

export interface AssignMentorDecision {
  type: 'assignMentor';
  mentorId: string;
  comment?: string;
}

/** Staff propose a mentor, who is asked to accept the assignment. */
export const assignMentor: DecisionSpec<AssignMentorDecision> = {
  permission: { authority: 'staff', stages: [Stage.MENTOR_MATCHING] },
  shape: {
    fields: ['mentorId', 'comment'],
    check: (d) => [...id(d.mentorId, 'mentorId'), ...comment(d.comment)],
  },
  judge: (state, _actor, decision) => {
    if (state.matching.proposedMentorId !== undefined) {
      return ruleRefused(
        'assignment-pending',
        `Mentor ${state.matching.proposedMentorId} has not answered the assignment yet.`,
      );
    }
    return mentorExclusionRefusal(state, decision.mentorId);
  },
  effect: (state, decision, { now }) => ({
    state: {
      ...state,
      matching: { ...state.matching, proposedMentorId: decision.mentorId, proposedAt: now },
    },
    message: `Mentor ${decision.mentorId} is asked to accept the assignment.`,
  }),
  attends: true,
  whileOnHold: false,
  asks: { zh: '指派创业导师', en: 'assign a mentor' },
};
