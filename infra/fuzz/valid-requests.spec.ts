import { DEFAULT_POLICY, DecisionType, limitFor, validateDecisionShape } from '@app/domain';
import { application, DECISION_MILESTONES, FuzzProject, plannedMilestones } from './fuzz-projects';
import { validRequests } from './valid-requests';

/** The domain's decision type behind each decision route the fuzzer draws projects for. */
const DECISION_TYPE: Record<string, DecisionType> = {
  decisionsScreen: 'screenApplication',
  decisionsResubmit: 'resubmitApplication',
  decisionsAssignMentor: 'assignMentor',
  decisionsAcceptAssignment: 'acceptAssignment',
  decisionsDeclineAssignment: 'declineAssignment',
  decisionsApprovePlan: 'approvePlan',
  decisionsRequestRevision: 'requestRevision',
  decisionsAllowExtraRevisionRound: 'allowExtraRevisionRound',
  decisionsRecordInvestorContact: 'recordInvestorContact',
  decisionsAmendInvestorContact: 'amendInvestorContact',
  decisionsSignOffInvestment: 'signOffInvestment',
  decisionsRecordCompany: 'recordCompany',
  decisionsAmendCompany: 'amendCompany',
  decisionsApproveIncubation: 'approveIncubation',
  decisionsReplaceMentor: 'replaceMentor',
  decisionsExtendDeadline: 'extendDeadline',
  decisionsPutOnHold: 'putOnHold',
  decisionsResumeProject: 'resumeProject',
  decisionsWithdraw: 'withdraw',
};

/** The projects createFuzzProjects makes at its small size, as it leaves them. */
function projects(): FuzzProject[] {
  return plannedMilestones(1).map((milestone, n) => ({
    projectId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    milestone,
    application: application(n),
    documentIds: milestone === 'APPLICATION' ? [] : [`doc-${n}`],
    spareDocumentId: milestone === 'BUSINESS_PLAN' ? `spare-${n}` : undefined,
  }));
}

const mentors = { mentorId: 'mentor-1', replacementMentorId: 'mentor-2' };

describe('the valid requests the fuzz hooks put in place of generated cases', () => {
  const requests = validRequests(projects(), mentors);

  it.each([...Object.keys(DECISION_MILESTONES), 'planDocumentsDownload', 'auditExport'])(
    'has some for %s',
    (operationId) => {
      expect(requests[operationId]?.length ?? 0).toBeGreaterThan(0);
    },
  );

  it.each(Object.entries(DECISION_TYPE))('%s: bodies the domain takes as %s', (id, type) => {
    for (const request of requests[id]) {
      expect(request.decision).toBe(true);
      expect(validateDecisionShape({ type, ...request.body })).toEqual([]);
    }
  });

  it('extends only steps that have a time limit', () => {
    for (const request of requests.decisionsExtendDeadline) {
      const action = request.body?.action as DecisionType;
      expect(limitFor(DEFAULT_POLICY, action)).toBeDefined();
    }
  });

  it('names a plan document uploaded to that very project', () => {
    const uploaded = new Map(projects().map((p) => [p.projectId, p.spareDocumentId]));
    for (const request of requests.decisionsSubmitPlanVersion) {
      expect(request.body?.documentId).toBe(uploaded.get(request.path?.projectId ?? ''));
    }
    const documents = new Map(projects().map((p) => [p.projectId, p.documentIds]));
    for (const request of requests.planDocumentsDownload) {
      const { projectId, documentId } = request.path ?? {};
      expect(documents.get(projectId ?? '')).toContain(documentId);
    }
  });

  it('resubmits with the title and college the project was submitted with', () => {
    const submitted = new Map(projects().map((p) => [p.projectId, p.application]));
    for (const request of requests.decisionsResubmit) {
      const revised = request.body?.application as Record<string, unknown>;
      const original = submitted.get(request.path?.projectId ?? '') ?? {};
      expect([revised.title, revised.college]).toEqual([original.title, original.college]);
    }
  });

  it('replaces the mentor with another one', () => {
    for (const request of requests.decisionsReplaceMentor) {
      expect(request.body?.mentorId).toBe(mentors.replacementMentorId);
    }
  });
});
