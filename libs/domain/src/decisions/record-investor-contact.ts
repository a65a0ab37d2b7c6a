import type { InvestorContact } from '../investor-contact.types';
import { LIMITS } from '../limits.constants';
import { investorContactOf } from '../record-fields.rules';
import { ruleRefused } from '../refusal.types';
import { Stage } from '../stage.types';
import type { DecisionSpec } from './decision-spec.types';
import { checkContact, CONTACT_FIELDS } from './shape-checks';
import { signOffsClearedMessage } from './shared-rules';

export interface RecordInvestorContactDecision extends InvestorContact {
  type: 'recordInvestorContact';
}

/** Staff record a contact with an investor; earlier sign-offs no longer count. */
export const recordInvestorContact: DecisionSpec<RecordInvestorContactDecision> = {
  permission: { authority: 'staff', stages: [Stage.INVESTOR_CONTACT] },
  shape: { fields: CONTACT_FIELDS, check: checkContact },
  judge: (state, _actor, decision) => {
    if (state.investorContacts.some((contact) => contact.contactId === decision.contactId)) {
      return ruleRefused(
        'contact-id-used',
        `The contact id ${decision.contactId} is already used; amend that contact instead.`,
        'contactId',
      );
    }
    return state.investorContacts.length >= LIMITS.list.investorContacts
      ? ruleRefused(
          'too-many-contacts',
          `A project may record at most ${LIMITS.list.investorContacts} investor contacts.`,
        )
      : null;
  },
  effect: (state, decision, { actor, now }) => {
    const contact = { ...investorContactOf(decision), recordedBy: actor.userId, recordedAt: now };
    return {
      state: {
        ...state,
        investorContacts: [...state.investorContacts, contact],
        contactsRevision: state.contactsRevision + 1,
      },
      message: signOffsClearedMessage(state, 'The investor contact is recorded.'),
    };
  },
  attends: true,
  whileOnHold: false,
  asks: { zh: '记录投资机构对接', en: 'record investor contacts' },
};
