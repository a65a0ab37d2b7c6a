import {
  byMilestone,
  COMPANY,
  DECISION_MILESTONES,
  FuzzProject,
  Milestone,
  PLAN_SUMMARIES,
  projectsForDecision,
  TERM_SHEET,
} from './fuzz-projects';

/**
 * One request that is valid for its operation beyond what the schema can say (the right
 * project for the stage, an uploaded document of that project, a contact that exists): the
 * hooks (schemathesis_hooks.py) put it in place of a generated case now and then, so each
 * operation meets the API's domain rules and gets through to a real workflow. `decision`: a
 * fresh decisionId is added to the body each time; `pdf`: the body is a PDF file upload.
 */
export interface ValidRequest {
  path?: Record<string, string>;
  query?: Record<string, string>;
  body?: Record<string, unknown>;
  decision?: boolean;
  pdf?: boolean;
}

const EXTENDED_ACTION: Partial<Record<Milestone, string>> = {
  APPLICATION: 'screenApplication',
  PROPOSED: 'acceptAssignment',
  PLAN_IN_REVIEW: 'approvePlan',
};

/** The body that a project at its milestone takes for the decision, or none. */
function decisionBody(
  operationId: string,
  project: FuzzProject,
  mentors: { mentorId: string; replacementMentorId: string },
): Record<string, unknown> | undefined {
  const reason = 'Set by the fuzz run.';
  switch (operationId) {
    case 'decisionsScreen':
      return { outcome: 'accept' };
    case 'decisionsAssignMentor':
      return { mentorId: mentors.mentorId };
    case 'decisionsResubmit':
      // Title and college stay (the title claim); the content is revised.
      return { application: { ...project.application, summary: 'Revised with the patent.' } };
    case 'decisionsSubmitPlanVersion':
      return project.spareDocumentId
        ? { documentId: project.spareDocumentId, summaries: PLAN_SUMMARIES }
        : undefined;
    case 'decisionsRequestRevision':
      return { comment: 'More on the market, please.' };
    case 'decisionsRecordInvestorContact':
      return { ...TERM_SHEET, contactId: 'c-2', investorName: 'Hillhouse' };
    case 'decisionsAmendInvestorContact':
      return { ...TERM_SHEET, amountFen: TERM_SHEET.amountFen + 100, reason };
    case 'decisionsRecordCompany':
      return COMPANY;
    case 'decisionsAmendCompany':
      return { ...COMPANY, jobsCreated: COMPANY.jobsCreated + 1, reason };
    case 'decisionsReplaceMentor':
      return { mentorId: mentors.replacementMentorId, reason };
    case 'decisionsExtendDeadline': {
      const action = EXTENDED_ACTION[project.milestone];
      return action ? { action, byDuration: { workingDays: 2 }, reason } : undefined;
    }
    case 'decisionsDeclineAssignment':
    case 'decisionsAllowExtraRevisionRound':
    case 'decisionsPutOnHold':
    case 'decisionsResumeProject':
    case 'decisionsWithdraw':
      return { reason };
    default:
      return {};
  }
}

/** Yesterday and tomorrow in UTC dates: a period that holds the run's own records. */
function periodAroundToday(): { from: string; to: string } {
  const day = (offset: number): string =>
    new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  return { from: day(-1), to: day(1) };
}

/**
 * Per operation id, the valid requests its generated cases are sometimes replaced by: every
 * decision on its own projects (see DECISION_MILESTONES), a plan upload, the download of an
 * uploaded plan, and an audit export of a period that is short enough.
 */
export function validRequests(
  projects: FuzzProject[],
  mentors: { mentorId: string; replacementMentorId: string },
): Record<string, ValidRequest[]> {
  const byId = new Map(projects.map((project) => [project.projectId, project]));
  const projectsAt = byMilestone(projects);
  const requests: Record<string, ValidRequest[]> = {};
  for (const operationId of Object.keys(DECISION_MILESTONES)) {
    const list: ValidRequest[] = [];
    for (const projectId of projectsForDecision(operationId, projectsAt)) {
      const project = byId.get(projectId);
      if (!project) continue;
      if (operationId === 'planDocumentsUpload') {
        list.push({ path: { projectId }, pdf: true });
        continue;
      }
      const body = decisionBody(operationId, project, mentors);
      if (body) list.push({ path: { projectId }, body, decision: true });
    }
    requests[operationId] = list;
  }
  requests.planDocumentsDownload = projects.flatMap(({ projectId, documentIds }) =>
    documentIds.map((documentId) => ({ path: { projectId, documentId } })),
  );
  const period = periodAroundToday();
  requests.auditExport = [{ query: period }, { query: { ...period, format: 'csv' } }];
  return requests;
}
