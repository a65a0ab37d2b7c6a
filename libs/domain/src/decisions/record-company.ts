import type { CompanyRegistration } from '../company.types';
import { companyRegistrationOf } from '../record-fields.rules';
import { ruleRefused } from '../refusal.types';
import { Stage } from '../stage.types';
import type { DecisionSpec } from './decision-spec.types';
import { checkCompany, COMPANY_FIELDS } from './shape-checks';

export interface RecordCompanyDecision extends CompanyRegistration {
  type: 'recordCompany';
}

/** Staff record the registered company; it waits for the final approval. */
export const recordCompany: DecisionSpec<RecordCompanyDecision> = {
  permission: { authority: 'staff', stages: [Stage.COMPANY_REGISTRATION] },
  shape: { fields: COMPANY_FIELDS, check: checkCompany },
  judge: (state) =>
    state.company
      ? ruleRefused(
          'company-already-recorded',
          'The company is already recorded; amend it instead.',
        )
      : null,
  effect: (state, decision, { actor, now }) => ({
    state: {
      ...state,
      company: { ...companyRegistrationOf(decision), recordedBy: actor.userId, recordedAt: now },
    },
    message: 'The company is recorded; it waits for the final approval.',
  }),
  attends: true,
  whileOnHold: false,
  asks: { zh: '登记公司信息', en: 'record the company registration' },
};
