/**
 * Maximum sizes of everything a request or decision carries. Each value lands in the workflow's
 * history, which can never be rewritten, so the API DTOs and the domain validators share these
 * numbers. `text` values are characters (Unicode code points), `list` values are items.
 */
export const LIMITS = {
  text: {
    title: 200,
    summary: 4000,
    comment: 2000,
    reason: 2000,
    name: 100,
    memberId: 64,
    college: 100,
    partyBranch: 100,
    affiliation: 200,
    organisation: 200,
    tag: 50,
    patentNumber: 50,
    patentTitle: 200,
    /** Client- or server-chosen identifiers: project, mentor, user, document, contact ids. */
    id: 100,
    investorName: 200,
    companyName: 200,
    fileName: 255,
    mediaType: 255,
    planSummary: 4000,
    escalationContact: 320,
    flagReason: 200,
  },
  list: {
    teamMembers: 15,
    fieldTags: 20,
    expertiseTags: 50,
    ipAssets: 50,
    declaredConflicts: 50,
    investorContacts: 200,
    reminderFractions: 10,
    lastDecisions: 20,
  },
  teamMembersMin: 1,
  technologyReadinessLevel: { min: 1, max: 9 },
  /** Uploaded business-plan documents. */
  documentSizeBytes: { min: 1, max: 100 * 1024 * 1024 },
  /** How far one `extendDeadline` may push a step. */
  extension: { maxWorkingDays: 60, maxSeconds: 90 * 24 * 3600 },
  policy: { maxWorkingDays: 250, maxSeconds: 365 * 24 * 3600, maxRounds: 20 },
} as const;
