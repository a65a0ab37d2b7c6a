import type { CompanyRegistration } from '../company.types';
import { canonicalJson } from '../decision-hash.rules';
import { amendedCompany, companyRegistrationOf } from '../record-fields.rules';
import { ruleRefused } from '../refusal.types';
import { Stage } from '../stage.types';
import type { DecisionSpec } from './decision-spec.types';
import { checkCompany, COMPANY_FIELDS, reason } from './shape-checks';

export interface AmendCompanyDecision extends CompanyRegistration {
  type: 'amendCompany';
  reason: string;
}

/** Staff correct the company record, saying why. */
export const amendCompany: DecisionSpec<AmendCompanyDecision> = {
  permission: { authority: 'staff', stages: [Stage.COMPANY_REGISTRATION] },
  shape: {
    fields: [...COMPANY_FIELDS, 'reason'],
    check: (d) => [...checkCompany(d), ...reason(d.reason)],
  },
  judge: (state, _actor, decision) => {
    if (!state.company) {
      return ruleRefused('no-company', 'No company is recorded yet; record it first.');
    }
    const amended = canonicalJson(companyRegistrationOf(decision));
    return amended === canonicalJson(companyRegistrationOf(state.company))
      ? ruleRefused('no-change', 'The amendment changes nothing in the company record.')
      : null;
  },
  effect: (state, decision, { actor, now }) => ({
    state: {
      ...state,
      company: amendedCompany(state.company, decision, actor, now),
    },
    message: 'The company record is amended.',
  }),
  attends: true,
  whileOnHold: false,
  asks: null,
};
