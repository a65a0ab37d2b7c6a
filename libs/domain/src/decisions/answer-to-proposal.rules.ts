import type { Actor } from '../actor.types';
import type { ProjectState } from '../project-state.types';
import { Refusal, ruleRefused } from '../refusal.types';

/** Only the proposed mentor answers a proposal (accepts or declines it). */
export function judgeAnswerToProposal(state: ProjectState, actor: Actor): Refusal | null {
  const proposed = state.matching.proposedMentorId;
  if (proposed === undefined) {
    return ruleRefused('no-assignment-pending', 'No mentor assignment is waiting for an answer.');
  }
  return actor.mentorId === proposed
    ? null
    : ruleRefused('not-your-project', 'This assignment was proposed to another mentor.');
}
