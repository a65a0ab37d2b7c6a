import { actsAsStaff } from '../actor.types';
import { hasCommitment, investmentSignedOff, validSignOffs } from '../project-state.rules';
import { ruleRefused } from '../refusal.types';
import { Stage } from '../stage.types';
import { enterStage } from '../state-transitions.rules';
import type { DecisionSpec } from './decision-spec.types';
import { COMMENT_ONLY, type CommentOnlyDecision } from './shape-checks';

export type SignOffInvestmentDecision = CommentOnlyDecision<'signOffInvestment'>;

/**
 * Staff and the assigned mentor each sign off the investor contacts (two different people);
 * with a commitment and both sign-offs the project moves to COMPANY_REGISTRATION.
 */
export const signOffInvestment: DecisionSpec<SignOffInvestmentDecision> = {
  permission: { authority: 'staff-or-mentor', stages: [Stage.INVESTOR_CONTACT] },
  shape: COMMENT_ONLY,
  judge: (state, actor) => {
    if (actor.role === 'mentor' && actor.mentorId !== state.matching.assignedMentorId) {
      return ruleRefused('not-your-project', 'Only the assigned mentor signs off this project.');
    }
    if (!hasCommitment(state)) {
      return ruleRefused(
        'no-commitment',
        'Sign-off needs at least one commitment: a term sheet, an investment or a grant.',
      );
    }
    const valid = validSignOffs(state);
    if (valid.some((signOff) => signOff.userId === actor.userId)) {
      return ruleRefused(
        'signoff-same-person',
        'You have already signed off these contacts; the second sign-off must come from someone else.',
      );
    }
    const role = actsAsStaff(actor) ? 'staff' : 'mentor';
    return valid.some((signOff) => signOff.role === role)
      ? ruleRefused(
          'signoff-already-given',
          `A ${role} sign-off is already given for these contacts; the other one must come from the ${role === 'staff' ? 'mentor' : 'staff'}.`,
        )
      : null;
  },
  effect: (state, decision, { actor, now }) => {
    const asStaff = actsAsStaff(actor);
    const given = {
      userId: actor.userId,
      role: asStaff ? ('staff' as const) : ('mentor' as const),
      ...(!asStaff && actor.mentorId ? { mentorId: actor.mentorId } : {}),
      at: now,
      contactsRevision: state.contactsRevision,
      ...(decision.comment ? { comment: decision.comment } : {}),
    };
    const next = { ...state, signOffs: [...state.signOffs, given] };
    if (hasCommitment(next) && investmentSignedOff(next)) {
      return {
        state: enterStage(next, Stage.COMPANY_REGISTRATION, now),
        message: 'Both sign-offs are given; the project moves to COMPANY_REGISTRATION.',
      };
    }
    return {
      state: next,
      message: `The ${given.role} sign-off is recorded; the ${asStaff ? 'mentor' : 'staff'} sign-off is still needed.`,
    };
  },
  attends: true,
  whileOnHold: false,
  asks: { zh: '签核投资对接阶段', en: 'sign off the investor-contact stage' },
};
