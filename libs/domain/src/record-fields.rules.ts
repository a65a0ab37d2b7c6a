import { CompanyRegistration } from './company.types';
import { InvestorContact } from './investor-contact.types';

/**
 * Copies only the record's own fields out of a decision, so `type` and `reason` (or any stray
 * property) never end up stored in a contact or company record.
 */
export function investorContactOf(source: InvestorContact): InvestorContact {
  const { contactId, investorName, kind, date, outcome, amountFen } = source;
  return { contactId, investorName, kind, date, outcome, amountFen };
}

export function companyRegistrationOf(source: CompanyRegistration): CompanyRegistration {
  const { universityBp, localGovernmentBp, enterpriseBp } = source.ipShares;
  return {
    companyName: source.companyName,
    uscc: source.uscc,
    registrationDate: source.registrationDate,
    registeredCapitalFen: source.registeredCapitalFen,
    jobsCreated: source.jobsCreated,
    ipShares: { universityBp, localGovernmentBp, enterpriseBp },
    rdTeamProfitShareBp: source.rdTeamProfitShareBp,
  };
}
