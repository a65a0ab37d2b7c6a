import { checkOneOf } from '../field-checks.rules';
import { ruleRefused } from '../refusal.types';
import { Stage } from '../stage.types';
import { closeProject, enterStage } from '../state-transitions.rules';
import type { DecisionSpec, Effect } from './decision-spec.types';
import { comment, requiredComment } from './shape-checks';
import type { ProjectState } from '../project-state.types';

export interface ScreenApplicationDecision {
  type: 'screenApplication';
  outcome: 'accept' | 'reject' | 'return';
  /** Required for reject (the reason) and return (what to change). */
  comment?: string;
}

/** Staff screen an application: accept it into mentor matching, reject it, or return it. */
export const screenApplication: DecisionSpec<ScreenApplicationDecision> = {
  permission: { authority: 'staff', stages: [Stage.APPLICATION] },
  shape: {
    fields: ['outcome', 'comment'],
    check: (d) => [
      ...checkOneOf(d.outcome, 'outcome', ['accept', 'reject', 'return']),
      // A rejection needs its reason and a return needs what to change, for the team's sake.
      ...(d.outcome === 'reject' || d.outcome === 'return'
        ? requiredComment(d.comment)
        : comment(d.comment)),
    ],
  },
  judge: (state) =>
    state.screening.awaitingResubmission
      ? ruleRefused(
          'awaiting-resubmission',
          'The application was returned to the team; it is screened again after its resubmission.',
        )
      : null,
  effect: (state, decision, { now }) => screen(state, decision, now),
  attends: true,
  whileOnHold: false,
  asks: { zh: '审核入孵申请', en: 'screen the application' },
};

function screen(state: ProjectState, decision: ScreenApplicationDecision, now: string): Effect {
  switch (decision.outcome) {
    case 'accept':
      return {
        state: enterStage(state, Stage.MENTOR_MATCHING, now),
        message: 'The application is accepted; the project moves to MENTOR_MATCHING.',
      };
    case 'reject':
      return {
        state: closeProject(
          { ...state, screening: { ...state.screening, rejectionReason: decision.comment } },
          Stage.REJECTED,
          decision.comment,
          now,
        ),
        message: 'The application is rejected.',
      };
    case 'return':
      return {
        state: {
          ...state,
          screening: {
            ...state.screening,
            awaitingResubmission: true,
            returnedCount: state.screening.returnedCount + 1,
            lastReturnComment: decision.comment,
          },
        },
        message: 'The application is returned to the team for revision.',
      };
  }
}
