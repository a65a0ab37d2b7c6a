import { ruleRefused } from '../refusal.types';
import { addExclusion } from '../state-transitions.rules';
import type { DecisionSpec } from './decision-spec.types';
import { id, reason } from './shape-checks';
import { AFTER_MATCHING, mentorExclusionRefusal } from './shared-rules';

export interface ReplaceMentorDecision {
  type: 'replaceMentor';
  mentorId: string;
  reason: string;
}

/**
 * Staff replace the assigned mentor after matching, saying why; the one replaced is excluded.
 * (The workflow first takes one of the new mentor's places, which only the database can grant.)
 */
export const replaceMentor: DecisionSpec<ReplaceMentorDecision> = {
  permission: { authority: 'staff', stages: AFTER_MATCHING },
  shape: {
    fields: ['mentorId', 'reason'],
    check: (d) => [...id(d.mentorId, 'mentorId'), ...reason(d.reason)],
  },
  judge: (state, _actor, { mentorId }) => {
    if (mentorId === state.matching.assignedMentorId) {
      return ruleRefused(
        'same-mentor',
        `Mentor ${mentorId} is already the assigned mentor.`,
        'mentorId',
      );
    }
    return mentorExclusionRefusal(state, mentorId);
  },
  effect: (state, decision, { now }) => {
    const previous = state.matching.assignedMentorId;
    const excluded =
      previous === undefined ? state : addExclusion(state, previous, 'replaced', now);
    return {
      state: {
        ...excluded,
        matching: { ...excluded.matching, assignedMentorId: decision.mentorId },
      },
      message: `Mentor ${decision.mentorId} replaces ${previous ?? 'nobody'} as the project's mentor.`,
    };
  },
  attends: true,
  whileOnHold: false,
  asks: null,
};
