import {
  Actor,
  Application,
  companyRegistrationOf,
  Decision,
  investorContactOf,
  PlanReview,
  ProjectRecords,
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
    case 'submitPlanVersion': {
      const version = records.planVersions.length + 1;
      const submitted = {
        version,
        document: { ...decision.document },
        summaries: { ...decision.summaries },
        submittedAt: at,
        submittedBy: actor.userId,
        ...(decision.comment ? { comment: decision.comment } : {}),
      };
      return { ...records, planVersions: [...records.planVersions, submitted] };
    }
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
        investorContacts: records.investorContacts.map((contact) =>
          contact.contactId === decision.contactId
            ? {
                ...investorContactOf(decision),
                recordedBy: contact.recordedBy,
                recordedAt: contact.recordedAt,
                amendedBy: actor.userId,
                amendedAt: at,
              }
            : contact,
        ),
      };
    case 'recordCompany':
      return {
        ...records,
        company: { ...companyRegistrationOf(decision), recordedBy: actor.userId, recordedAt: at },
      };
    case 'amendCompany':
      return {
        ...records,
        company: {
          ...companyRegistrationOf(decision),
          recordedBy: records.company?.recordedBy ?? actor.userId,
          recordedAt: records.company?.recordedAt ?? at,
          amendedBy: actor.userId,
          amendedAt: at,
        },
      };
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
  const latest = records.planVersions.at(-1);
  if (!latest) return records;
  const review: PlanReview = {
    outcome,
    by: actor.userId,
    ...(actor.mentorId ? { mentorId: actor.mentorId } : {}),
    ...(comment ? { comment } : {}),
    at,
  };
  return {
    ...records,
    planVersions: [...records.planVersions.slice(0, -1), { ...latest, review }],
  };
}
