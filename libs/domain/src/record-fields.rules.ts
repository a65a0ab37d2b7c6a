import type { Actor } from './actor.types';
import type { PlanDocument, PlanSummaries } from './business-plan.types';
import { CompanyRegistration } from './company.types';
import { InvestorContact } from './investor-contact.types';
import type {
  CompanyRecord,
  PlanReview,
  PlanVersion,
  RecordedInvestorContact,
} from './project-state.types';

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

/*
 * What decisions do to a project's records, shared by their effects in the workflow and by
 * rebuilding, from the audit log, the records of projects recorded before the workflow sent them.
 */

/** The plan versions after a submission: the new one is numbered after the others. */
export function withPlanVersion(
  versions: readonly PlanVersion[],
  submission: { document: PlanDocument; summaries: PlanSummaries; comment?: string },
  actor: Actor,
  at: string,
): PlanVersion[] {
  const submitted: PlanVersion = {
    version: versions.length + 1,
    document: { ...submission.document },
    summaries: { ...submission.summaries },
    submittedAt: at,
    submittedBy: actor.userId,
    ...(submission.comment ? { comment: submission.comment } : {}),
  };
  return [...versions, submitted];
}

/** The plan versions with the mentor's review on the latest one; unchanged when there is none. */
export function withLatestReviewed(
  versions: PlanVersion[],
  actor: Actor,
  outcome: PlanReview['outcome'],
  comment: string | undefined,
  at: string,
): PlanVersion[] {
  const latest = versions.at(-1);
  if (!latest) return versions;
  const review: PlanReview = {
    outcome,
    by: actor.userId,
    ...(actor.mentorId ? { mentorId: actor.mentorId } : {}),
    ...(comment ? { comment } : {}),
    at,
  };
  return [...versions.slice(0, -1), { ...latest, review }];
}

/** The contacts with the one the amendment names replaced, keeping who recorded it first. */
export function withContactAmended(
  contacts: RecordedInvestorContact[],
  amendment: InvestorContact,
  actor: Actor,
  at: string,
): RecordedInvestorContact[] {
  return contacts.map((contact) =>
    contact.contactId === amendment.contactId
      ? {
          ...investorContactOf(amendment),
          recordedBy: contact.recordedBy,
          recordedAt: contact.recordedAt,
          amendedBy: actor.userId,
          amendedAt: at,
        }
      : contact,
  );
}

/** The company record as amended, keeping who recorded it first. */
export function amendedCompany(
  company: CompanyRecord | null | undefined,
  amendment: CompanyRegistration,
  actor: Actor,
  at: string,
): CompanyRecord {
  return {
    ...companyRegistrationOf(amendment),
    recordedBy: company?.recordedBy ?? actor.userId,
    recordedAt: company?.recordedAt ?? at,
    amendedBy: actor.userId,
    amendedAt: at,
  };
}
