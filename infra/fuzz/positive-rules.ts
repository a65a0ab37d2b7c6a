/**
 * The operations whose valid-looking requests may still be refused, each with the rule that
 * OpenAPI cannot express. Only these may answer 409/422 to the `positive_data_acceptance`
 * check; any other operation must accept a request its schema calls valid (2xx), or answer
 * 401/403/404 (no such token, role or resource).
 */
export const POSITIVE_DATA_RULES: Record<string, { statuses: number[]; rule: string }> = {};

const DECISION_RULE =
  'the stage and pending step a decision needs, the acting person (the project’s mentor, a second signer), the policy’s limits (revision rounds, extension budget), a closed or held project, a decisionId already used for a different decision (422 decision-id-reused)';
for (const operationId of [
  'decisionsScreen',
  'decisionsResubmit',
  'decisionsAssignMentor',
  'decisionsAcceptAssignment',
  'decisionsDeclineAssignment',
  'decisionsSubmitPlanVersion',
  'decisionsApprovePlan',
  'decisionsRequestRevision',
  'decisionsRecordInvestorContact',
  'decisionsAmendInvestorContact',
  'decisionsSignOffInvestment',
  'decisionsRecordCompany',
  'decisionsAmendCompany',
  'decisionsApproveIncubation',
  'decisionsWithdraw',
  'decisionsReplaceMentor',
  'decisionsExtendDeadline',
  'decisionsAllowExtraRevisionRound',
  'decisionsPutOnHold',
  'decisionsResumeProject',
  'decisionsAddNote',
]) {
  POSITIVE_DATA_RULES[operationId] = {
    statuses: [409, 422],
    rule: `${DECISION_RULE}; also the USCC check character and share sums on company decisions`,
  };
}

Object.assign(POSITIVE_DATA_RULES, {
  projectsSubmit: {
    statuses: [409, 422],
    rule: 'an Idempotency-Key already used with another application; a re-application needs a rejected previous project',
  },
  adminUsersCreateUser: {
    statuses: [409, 422],
    rule: 'a user name already taken; mentorId required for mentors (and an existing mentor), refused for other roles',
  },
  adminUsersUpdateUser: {
    statuses: [409, 422],
    rule: 'mentorId needed when the role becomes mentor; an admin may not demote or deactivate the last admin or themself',
  },
  adminUsersIssueApiToken: {
    statuses: [409, 422],
    rule: 'expiresInDays at most API_TOKEN_MAX_TTL_DAYS (config); no token for a deactivated user',
  },
  adminUsersRevokeApiToken: { statuses: [409], rule: 'a token already revoked' },
  calendarOverridesSet: {
    statuses: [409, 422],
    rule: 'a real calendar date in the years the calendar knows',
  },
  calendarOverridesRemove: { statuses: [409, 422], rule: 'a real calendar date' },
  mentorsDeactivate: {
    statuses: [409, 422],
    rule: 'a mentor with open projects cannot be deactivated',
  },
  mentorsReactivate: { statuses: [409], rule: 'the mentor is already active' },
  mentorsUpdate: { statuses: [409, 422], rule: 'capacity not below the mentor’s open projects' },
  planDocumentsUpload: {
    // 415, not 409/422: the one deviation. The file is recognised by its bytes (a PDF's magic,
    // a DOCX/PPTX's parts, no program inside), which a schema's `format: binary` cannot say.
    statuses: [409, 415, 422],
    rule: 'the file’s bytes must be the PDF, DOCX or PPTX it claims (else 415); the project in its business-plan stage',
  },
  projectsList: { statuses: [422], rule: 'a cursor this API gave out, for this sort' },
  mentorCandidatesCandidates: { statuses: [409], rule: 'a closed project has no mentor to match' },
  auditBundle: {
    statuses: [409, 422],
    rule: 'projectId or a period with both from and to, not both; from before to; a chain to bundle',
  },
  auditExport: {
    statuses: [422],
    rule: 'from before to, and a period of at most the export limit',
  },
  portfolioPortfolio: { statuses: [422], rule: 'from not after to' },
  reportsPortfolio: { statuses: [422], rule: 'from not after to' },
  codecDecode: { statuses: [409, 422], rule: 'payloads encrypted with a key this API holds' },
  practiceFundSetBudget: { statuses: [409, 422], rule: 'a year the fund exists for' },
});
