import {
  Actor,
  amendedCompany,
  Application,
  companyRegistrationOf,
  Decision,
  investorContactOf,
  PlanReview,
  ProjectRecords,
  withContactAmended,
  withLatestReviewed,
  withPlanVersion,
} from '@app/domain';

/** Records being rebuilt; the application is unknown until a copy of it turns up. */
export type RebuiltRecords = Omit<ProjectRecords, 'application'> & {
  application: Application | null;
};

export const NO_RECORDS: RebuiltRecords = {
  application: null,
  planVersions: [],
  investorContacts: [],
  company: null,
};

/**
 * What one accepted decision did to a project's records, as the domain's reducer does it, for
 * rebuilding the records of projects recorded before the workflow sent them. `at` is the
 * decision's audit time (the recorder's clock a moment after the reducer's, so a rebuilt
 * timestamp may trail the live one by the time the handler waited for its due dates).
 */
export function recordsAfterDecision(
  records: RebuiltRecords,
  decision: Decision,
  actor: Actor,
  at: string,
): RebuiltRecords {
  switch (decision.type) {
    case 'resubmitApplication':
      return { ...records, application: decision.application };
    case 'submitPlanVersion':
      return {
        ...records,
        planVersions: withPlanVersion(records.planVersions, decision, actor, at),
      };
    case 'approvePlan':
      return reviewed(records, actor, 'approved', decision.comment, at);
    case 'requestRevision':
      return reviewed(records, actor, 'revision_requested', decision.comment, at);
    case 'recordInvestorContact':
      return {
        ...records,
        investorContacts: [
          ...records.investorContacts,
          { ...investorContactOf(decision), recordedBy: actor.userId, recordedAt: at },
        ],
      };
    case 'amendInvestorContact':
      return {
        ...records,
        investorContacts: withContactAmended(records.investorContacts, decision, actor, at),
      };
    case 'recordCompany':
      return {
        ...records,
        company: { ...companyRegistrationOf(decision), recordedBy: actor.userId, recordedAt: at },
      };
    case 'amendCompany':
      return { ...records, company: amendedCompany(records.company, decision, actor, at) };
    default:
      return records;
  }
}

function reviewed(
  records: RebuiltRecords,
  actor: Actor,
  outcome: PlanReview['outcome'],
  comment: string | undefined,
  at: string,
): RebuiltRecords {
  const planVersions = withLatestReviewed(records.planVersions, actor, outcome, comment, at);
  return planVersions === records.planVersions ? records : { ...records, planVersions };
}
