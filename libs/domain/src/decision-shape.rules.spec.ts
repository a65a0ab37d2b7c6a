import { validateDecisionShape } from './decision-shape.rules';
import { Decision } from './decisions.types';
import { d, validApplication, VALID_USCC } from './testing/domain.fixtures';

const contact = d.contact('c-1');
const company = d.company();

describe('validateDecisionShape', () => {
  it.each<[string, Decision]>([
    ['screenApplication accept without comment', d.accept],
    [
      'screenApplication reject with reason',
      { type: 'screenApplication', outcome: 'reject', comment: 'Out of scope.' },
    ],
    ['resubmitApplication', { type: 'resubmitApplication', application: validApplication() }],
    [
      'assignMentor with a uuid',
      { type: 'assignMentor', mentorId: '0b5f7a8e-3c1d-4e2f-9a6b-1c2d3e4f5a6b' },
    ],
    ['acceptAssignment', d.acceptAssignment],
    ['declineAssignment', d.decline],
    ['submitPlanVersion', d.plan(1)],
    ['approvePlan', d.approvePlan],
    ['requestRevision', d.revise],
    ['recordInvestorContact', contact],
    ['recordInvestorContact meeting with no amount', d.contact('c-2', 'meeting')],
    ['signOffInvestment', d.signOff],
    ['recordCompany', company],
    ['approveIncubation', d.approveIncubation],
    ['withdraw', d.withdraw],
    [
      'amendInvestorContact',
      { ...contact, type: 'amendInvestorContact', reason: 'Typo in the amount.' },
    ],
    ['amendCompany', { ...company, type: 'amendCompany', reason: 'Jobs recounted.' }],
    ['replaceMentor', { type: 'replaceMentor', mentorId: 'm-b', reason: 'Mentor moved abroad.' }],
    [
      'extendDeadline in working days',
      {
        type: 'extendDeadline',
        action: 'approvePlan',
        byDuration: { workingDays: 5 },
        reason: 'Holiday.',
      },
    ],
    [
      'extendDeadline in seconds',
      {
        type: 'extendDeadline',
        action: 'approvePlan',
        byDuration: { seconds: 30 },
        reason: 'Test.',
      },
    ],
    ['allowExtraRevisionRound', { type: 'allowExtraRevisionRound', reason: 'Close to done.' }],
    ['putOnHold', d.hold],
    ['resumeProject', d.resume],
    [
      'a company with shares 10000/0/0',
      d.company({ ipShares: { universityBp: 10000, localGovernmentBp: 0, enterpriseBp: 0 } }),
    ],
  ])('accepts %s', (_label, decision) => {
    expect(validateDecisionShape(decision)).toEqual([]);
  });

  it.each<[string, unknown, string, string | undefined]>([
    ['a non-object', 'approvePlan', 'type', 'decision'],
    ['an unknown type', { type: 'deleteProject' }, 'one-of', 'type'],
    ['a missing type', { comment: 'x' }, 'one-of', 'type'],
    ['an unknown field', { ...d.approvePlan, mentorId: 'm-a' }, 'unknown-field', 'mentorId'],
    [
      'screenApplication with a bad outcome',
      { type: 'screenApplication', outcome: 'maybe' },
      'one-of',
      'outcome',
    ],
    [
      'screenApplication reject without reason',
      { type: 'screenApplication', outcome: 'reject' },
      'comment-required',
      'comment',
    ],
    [
      'screenApplication return with a blank comment',
      { type: 'screenApplication', outcome: 'return', comment: '  ' },
      'comment-required',
      'comment',
    ],
    [
      'screenApplication accept with a 2001-character comment',
      { ...d.accept, comment: 'x'.repeat(2001) },
      'max-length',
      'comment',
    ],
    [
      'resubmitApplication with an ineligible application',
      {
        type: 'resubmitApplication',
        application: validApplication({ technologyReadinessLevel: 12 }),
      },
      'integer-range',
      'application.technologyReadinessLevel',
    ],
    [
      'resubmitApplication without application',
      { type: 'resubmitApplication' },
      'type',
      'application',
    ],
    ['assignMentor without mentorId', { type: 'assignMentor' }, 'required', 'mentorId'],
    [
      'assignMentor with a spaced mentorId',
      { type: 'assignMentor', mentorId: 'm a' },
      'format',
      'mentorId',
    ],
    [
      'acceptAssignment with a numeric comment',
      { type: 'acceptAssignment', comment: 5 },
      'type',
      'comment',
    ],
    [
      'declineAssignment without reason',
      { type: 'declineAssignment' },
      'reason-required',
      'reason',
    ],
    [
      'submitPlanVersion with an uppercase sha256',
      { ...d.plan(1), document: { ...d.plan(1).document, sha256: 'A'.repeat(64) } },
      'format',
      'document.sha256',
    ],
    [
      'submitPlanVersion with a short sha256',
      { ...d.plan(1), document: { ...d.plan(1).document, sha256: 'a'.repeat(63) } },
      'format',
      'document.sha256',
    ],
    [
      'submitPlanVersion with an empty file',
      { ...d.plan(1), document: { ...d.plan(1).document, sizeBytes: 0 } },
      'integer-range',
      'document.sizeBytes',
    ],
    [
      'submitPlanVersion with a bad media type',
      { ...d.plan(1), document: { ...d.plan(1).document, mediaType: 'pdf' } },
      'format',
      'document.mediaType',
    ],
    [
      'submitPlanVersion missing a summary',
      { ...d.plan(1), summaries: { ...d.plan(1).summaries, market: undefined } },
      'required',
      'summaries.market',
    ],
    [
      'submitPlanVersion with a 4001-character summary',
      { ...d.plan(1), summaries: { ...d.plan(1).summaries, team: 'x'.repeat(4001) } },
      'max-length',
      'summaries.team',
    ],
    [
      'approvePlan with a long comment',
      { type: 'approvePlan', comment: 'x'.repeat(2001) },
      'max-length',
      'comment',
    ],
    ['requestRevision without comment', { type: 'requestRevision' }, 'comment-required', 'comment'],
    ['recordInvestorContact with a bad kind', { ...contact, kind: 'bank' }, 'one-of', 'kind'],
    [
      'recordInvestorContact on 30 February',
      { ...contact, date: '2025-02-30' },
      'calendar-date',
      'date',
    ],
    [
      'recordInvestorContact with a float amount',
      { ...contact, amountFen: 12.5 },
      'fen',
      'amountFen',
    ],
    [
      'recordInvestorContact invested with no amount',
      { ...contact, outcome: 'invested', amountFen: 0 },
      'commitment-amount',
      'amountFen',
    ],
    [
      'recordInvestorContact with a bad outcome',
      { ...contact, outcome: 'maybe' },
      'one-of',
      'outcome',
    ],
    [
      'recordInvestorContact with a 201-character investor',
      { ...contact, investorName: 'x'.repeat(201) },
      'max-length',
      'investorName',
    ],
    [
      'signOffInvestment with an unknown field',
      { ...d.signOff, role: 'staff' },
      'unknown-field',
      'role',
    ],
    ['recordCompany with a bad USCC', { ...company, uscc: '91350100M000100Y44' }, 'uscc', 'uscc'],
    [
      'recordCompany with a lowercase USCC',
      { ...company, uscc: VALID_USCC.toLowerCase() },
      'uscc',
      'uscc',
    ],
    [
      'recordCompany with IP shares summing to 9999',
      d.company({ ipShares: { universityBp: 4000, localGovernmentBp: 2000, enterpriseBp: 3999 } }),
      'ip-shares-sum',
      'ipShares',
    ],
    [
      'recordCompany with IP shares summing to 10001',
      d.company({ ipShares: { universityBp: 4001, localGovernmentBp: 2000, enterpriseBp: 4000 } }),
      'ip-shares-sum',
      'ipShares',
    ],
    [
      'recordCompany with a negative share',
      d.company({ ipShares: { universityBp: -1, localGovernmentBp: 6001, enterpriseBp: 4000 } }),
      'basis-points',
      'ipShares.universityBp',
    ],
    [
      'recordCompany with an R&D share above 100%',
      d.company({ rdTeamProfitShareBp: 10001 }),
      'basis-points',
      'rdTeamProfitShareBp',
    ],
    [
      'recordCompany with negative jobs',
      d.company({ jobsCreated: -1 }),
      'integer-range',
      'jobsCreated',
    ],
    [
      'recordCompany with a bad date',
      d.company({ registrationDate: '2025/03/01' }),
      'calendar-date',
      'registrationDate',
    ],
    [
      'recordCompany with a float capital',
      d.company({ registeredCapitalFen: 1.5 }),
      'fen',
      'registeredCapitalFen',
    ],
    [
      'approveIncubation with a non-string comment',
      { type: 'approveIncubation', comment: ['x'] },
      'type',
      'comment',
    ],
    ['withdraw without reason', { type: 'withdraw' }, 'reason-required', 'reason'],
    [
      'withdraw with a 2001-character reason',
      { type: 'withdraw', reason: 'x'.repeat(2001) },
      'max-length',
      'reason',
    ],
    [
      'amendInvestorContact without reason',
      { ...contact, type: 'amendInvestorContact' },
      'reason-required',
      'reason',
    ],
    [
      'amendCompany with shares summing to 9999',
      {
        ...d.company({ ipShares: { universityBp: 9999, localGovernmentBp: 0, enterpriseBp: 0 } }),
        type: 'amendCompany',
        reason: 'Fix.',
      },
      'ip-shares-sum',
      'ipShares',
    ],
    [
      'replaceMentor without reason',
      { type: 'replaceMentor', mentorId: 'm-b' },
      'reason-required',
      'reason',
    ],
    [
      'extendDeadline of an unknown action',
      { type: 'extendDeadline', action: 'sleep', byDuration: { workingDays: 1 }, reason: 'x' },
      'one-of',
      'action',
    ],
    [
      'extendDeadline by zero days',
      {
        type: 'extendDeadline',
        action: 'approvePlan',
        byDuration: { workingDays: 0 },
        reason: 'x',
      },
      'integer-range',
      'byDuration.workingDays',
    ],
    [
      'extendDeadline by 61 working days',
      {
        type: 'extendDeadline',
        action: 'approvePlan',
        byDuration: { workingDays: 61 },
        reason: 'x',
      },
      'integer-range',
      'byDuration.workingDays',
    ],
    [
      'extendDeadline in hours',
      { type: 'extendDeadline', action: 'approvePlan', byDuration: { hours: 3 }, reason: 'x' },
      'duration',
      'byDuration',
    ],
    [
      'allowExtraRevisionRound without reason',
      { type: 'allowExtraRevisionRound' },
      'reason-required',
      'reason',
    ],
    [
      'putOnHold with a blank reason',
      { type: 'putOnHold', reason: '' },
      'reason-required',
      'reason',
    ],
    ['resumeProject without reason', { type: 'resumeProject' }, 'reason-required', 'reason'],
  ])('refuses %s', (_label, decision, rule, field) => {
    const problems = validateDecisionShape(decision);
    expect(problems).toContainEqual(expect.objectContaining({ kind: 'RuleRefused', rule, field }));
  });

  it('reports every problem of a company at once', () => {
    const problems = validateDecisionShape(
      d.company({ uscc: 'bad', jobsCreated: -1, rdTeamProfitShareBp: 20000 }),
    );
    expect(problems.map((p) => p.field)).toEqual(['uscc', 'jobsCreated', 'rdTeamProfitShareBp']);
  });
});
