import type { InvestorContact } from '../investor-contact.types';
import { hasCommitment } from '../project-state.rules';
import { FLAG_REASONS } from '../project-state.types';
import { withContactAmended } from '../record-fields.rules';
import { ruleRefused } from '../refusal.types';
import { Stage } from '../stage.types';
import { raiseFlag } from '../state-transitions.rules';
import type { DecisionSpec } from './decision-spec.types';
import { checkContact, CONTACT_FIELDS, reason } from './shape-checks';
import { signOffsClearedMessage } from './shared-rules';

export interface AmendInvestorContactDecision extends InvestorContact {
  type: 'amendInvestorContact';
  reason: string;
}

/** Staff correct a recorded investor contact, saying why; earlier sign-offs no longer count. */
export const amendInvestorContact: DecisionSpec<AmendInvestorContactDecision> = {
  // A contact recorded before the stage closed may still be corrected until INCUBATED.
  permission: {
    authority: 'staff',
    stages: [Stage.INVESTOR_CONTACT, Stage.COMPANY_REGISTRATION],
  },
  shape: {
    fields: [...CONTACT_FIELDS, 'reason'],
    check: (d) => [...checkContact(d), ...reason(d.reason)],
  },
  judge: (state, _actor, decision) => {
    const current = state.investorContacts.find(
      (contact) => contact.contactId === decision.contactId,
    );
    if (!current) {
      return ruleRefused(
        'unknown-contact',
        `No investor contact has the id ${decision.contactId}.`,
        'contactId',
      );
    }
    const fields = ['investorName', 'kind', 'date', 'outcome', 'amountFen'] as const;
    // An amendment that changes nothing would still clear the sign-offs: refuse it.
    return fields.every((field) => current[field] === decision[field])
      ? ruleRefused('no-change', 'The amendment changes nothing in the contact.')
      : null;
  },
  effect: (state, decision, { actor, now }) => {
    const investorContacts = withContactAmended(state.investorContacts, decision, actor, now);
    const next = { ...state, investorContacts, contactsRevision: state.contactsRevision + 1 };
    // After the stage closed, an amendment cannot reopen it, but losing the commitment needs eyes.
    const lostCommitment = state.stage === Stage.COMPANY_REGISTRATION && !hasCommitment(next);
    return {
      state: lostCommitment ? raiseFlag(next, FLAG_REASONS.noCommitmentAfterAmendment, now) : next,
      message: signOffsClearedMessage(state, 'The investor contact is amended.'),
    };
  },
  attends: true,
  whileOnHold: false,
  asks: null,
};
