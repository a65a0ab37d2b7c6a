import { ruleRefused } from '../refusal.types';
import { OPEN_STAGES } from '../stage.types';
import type { DecisionSpec } from './decision-spec.types';
import { requiredComment } from './shape-checks';

export interface AddNoteDecision {
  type: 'addNote';
  /** The note itself. */
  comment: string;
}

/**
 * Staff or the assigned mentor leave a note on an open project, held or not. It shows in the
 * timeline and the audit trail and changes nothing else: no flag, no clock (it neither clears
 * needsAttention nor restarts the stall watch, since a note is not someone acting on the step).
 */
export const addNote: DecisionSpec<AddNoteDecision> = {
  permission: { authority: 'staff-or-mentor', stages: OPEN_STAGES },
  shape: { fields: ['comment'], check: (d) => requiredComment(d.comment) },
  // A mentor only proposed (not yet assigned) may answer the proposal, not annotate the project.
  judge: (state, actor) =>
    actor.role === 'mentor' && actor.mentorId !== state.matching.assignedMentorId
      ? ruleRefused('not-your-project', 'Only the assigned mentor leaves notes on this project.')
      : null,
  effect: (state) => ({ state, message: 'The note is added to the project.' }),
  attends: false,
  whileOnHold: true,
  asks: null,
};
