import { Actor } from './actor.types';
import { Decision } from './decisions.types';
import { judgeDecision } from './judge-decision.rules';
import { ProjectState } from './project-state.types';
import { RefusalKind } from './refusal.types';
import {
  admin,
  at,
  d,
  mentorA,
  mentorB,
  reviewer,
  run,
  staff,
  staff2,
  validApplication,
} from './testing/domain.fixtures';

const returned = (): ProjectState =>
  run(at.application(), [
    [staff, { type: 'screenApplication', outcome: 'return', comment: 'Add IP.' }],
  ]);
const declined = (): ProjectState => run(at.proposed(), [[mentorA, d.decline]]);
const revisionLimit = at.revisionLimit;
const mentorSigned = (): ProjectState => run(at.committed(), [[mentorA, d.signOff]]);
const staffSigned = (): ProjectState => run(at.committed(), [[staff, d.signOff]]);
const replaced = (): ProjectState =>
  run(at.businessPlan(), [
    [staff, { type: 'replaceMentor', mentorId: 'm-b', reason: 'Moved abroad.' }],
  ]);
const amendContact = (overrides: Record<string, unknown> = {}): Decision => ({
  ...d.contact('c-1'),
  type: 'amendInvestorContact',
  reason: 'Correction.',
  ...overrides,
});
const amendCompany = (overrides: Record<string, unknown> = {}): Decision => ({
  ...d.company(),
  type: 'amendCompany',
  reason: 'Correction.',
  ...overrides,
});

type Case = [string, () => ProjectState, Actor, Decision, RefusalKind, string];

describe('judgeDecision refuses', () => {
  it.each<Case>([
    // Anyone, anything
    [
      'a reviewer deciding',
      at.application,
      reviewer,
      d.accept,
      'RuleRefused',
      'reviewer-read-only',
    ],
    [
      'a reviewer withdrawing',
      at.businessPlan,
      reviewer,
      d.withdraw,
      'RuleRefused',
      'reviewer-read-only',
    ],
    [
      'a bad shape first',
      at.application,
      staff,
      { type: 'screenApplication', outcome: 'reject' },
      'RuleRefused',
      'comment-required',
    ],
    [
      'a decision on a closed project',
      at.incubated,
      staff,
      d.withdraw,
      'WrongStage',
      'project-closed',
    ],
    // screenApplication
    ['screening in the wrong stage', at.matching, staff, d.accept, 'WrongStage', 'wrong-stage'],
    ['a mentor screening', at.application, mentorA, d.accept, 'RuleRefused', 'staff-only'],
    [
      'screening a returned application',
      returned,
      staff,
      d.accept,
      'RuleRefused',
      'awaiting-resubmission',
    ],
    // resubmitApplication
    [
      'resubmitting what was not returned',
      at.application,
      staff,
      { type: 'resubmitApplication', application: validApplication() },
      'RuleRefused',
      'not-returned',
    ],
    [
      'resubmitting to another college',
      returned,
      staff,
      { type: 'resubmitApplication', application: validApplication({ college: 'College of Law' }) },
      'RuleRefused',
      'college-fixed',
    ],
    [
      'resubmitting under another title',
      returned,
      staff,
      { type: 'resubmitApplication', application: validApplication({ title: 'Another title' }) },
      'RuleRefused',
      'title-fixed',
    ],
    [
      'resubmitting in the wrong stage',
      at.matching,
      staff,
      { type: 'resubmitApplication', application: validApplication() },
      'WrongStage',
      'wrong-stage',
    ],
    // assignMentor
    [
      'assigning in the wrong stage',
      at.application,
      staff,
      d.assign('m-a'),
      'WrongStage',
      'wrong-stage',
    ],
    [
      'assigning while a proposal is pending',
      at.proposed,
      staff,
      d.assign('m-b'),
      'RuleRefused',
      'assignment-pending',
    ],
    [
      'assigning a mentor who declined',
      declined,
      staff,
      d.assign('m-a'),
      'RuleRefused',
      'mentor-excluded',
    ],
    ['a mentor assigning', at.proposed, mentorA, d.assign('m-b'), 'RuleRefused', 'staff-only'],
    // acceptAssignment / declineAssignment
    [
      'staff accepting for the mentor',
      at.proposed,
      staff,
      d.acceptAssignment,
      'RuleRefused',
      'mentor-only',
    ],
    [
      'an admin accepting for the mentor',
      at.proposed,
      admin,
      d.acceptAssignment,
      'RuleRefused',
      'mentor-only',
    ],
    [
      'another mentor accepting',
      at.proposed,
      mentorB,
      d.acceptAssignment,
      'RuleRefused',
      'not-your-project',
    ],
    [
      'a mentor with no mentor id',
      at.proposed,
      { userId: 'u-x', role: 'mentor' },
      d.acceptAssignment,
      'RuleRefused',
      'not-your-project',
    ],
    [
      'another mentor declining',
      at.proposed,
      mentorB,
      d.decline,
      'RuleRefused',
      'not-your-project',
    ],
    [
      'a declined mentor accepting after all',
      declined,
      mentorA,
      d.acceptAssignment,
      'RuleRefused',
      'not-your-project',
    ],
    [
      'declining without a reason',
      at.proposed,
      mentorA,
      { type: 'declineAssignment', reason: ' ' },
      'RuleRefused',
      'reason-required',
    ],
    [
      'accepting twice (now in BUSINESS_PLAN)',
      at.businessPlan,
      mentorA,
      d.acceptAssignment,
      'WrongStage',
      'wrong-stage',
    ],
    // submitPlanVersion
    ['a plan before matching', at.matching, staff, d.plan(1), 'WrongStage', 'wrong-stage'],
    [
      'a plan while one awaits review',
      at.planInReview,
      staff,
      d.plan(2),
      'RuleRefused',
      'plan-awaiting-review',
    ],
    [
      'a plan past the revision limit',
      revisionLimit,
      staff,
      d.plan(4),
      'RuleRefused',
      'revision-limit-reached',
    ],
    [
      'a mentor submitting a plan',
      at.businessPlan,
      mentorA,
      d.plan(1),
      'RuleRefused',
      'staff-only',
    ],
    // approvePlan / requestRevision
    [
      'approving with nothing to review',
      at.businessPlan,
      mentorA,
      d.approvePlan,
      'RuleRefused',
      'no-plan-awaiting-review',
    ],
    [
      'staff approving the plan',
      at.planInReview,
      staff,
      d.approvePlan,
      'RuleRefused',
      'mentor-only',
    ],
    [
      'another mentor approving',
      at.planInReview,
      mentorB,
      d.approvePlan,
      'RuleRefused',
      'not-your-project',
    ],
    ['a replaced mentor reviewing', replaced, mentorA, d.revise, 'RuleRefused', 'not-your-project'],
    [
      'a revision request without comment',
      at.planInReview,
      mentorA,
      { type: 'requestRevision', comment: '' },
      'RuleRefused',
      'comment-required',
    ],
    [
      'approving in the wrong stage',
      at.investorContact,
      mentorA,
      d.approvePlan,
      'WrongStage',
      'wrong-stage',
    ],
    // allowExtraRevisionRound
    [
      'an extra round below the limit',
      at.planInReview,
      staff,
      { type: 'allowExtraRevisionRound', reason: 'More time.' },
      'RuleRefused',
      'revision-limit-not-reached',
    ],
    [
      'an extra round by a mentor',
      revisionLimit,
      mentorA,
      { type: 'allowExtraRevisionRound', reason: 'More time.' },
      'RuleRefused',
      'staff-only',
    ],
    // recordInvestorContact
    [
      'a contact before the plan is approved',
      at.planInReview,
      staff,
      d.contact('c-1'),
      'WrongStage',
      'wrong-stage',
    ],
    [
      'a contact id used twice',
      at.committed,
      staff,
      d.contact('c-1', 'meeting'),
      'RuleRefused',
      'contact-id-used',
    ],
    [
      'a mentor recording a contact',
      at.investorContact,
      mentorA,
      d.contact('c-1'),
      'RuleRefused',
      'staff-only',
    ],
    // amendInvestorContact
    [
      'amending an unknown contact',
      at.committed,
      staff,
      amendContact({ contactId: 'c-9' }),
      'RuleRefused',
      'unknown-contact',
    ],
    [
      'an amendment that changes nothing',
      at.committed,
      staff,
      amendContact(),
      'RuleRefused',
      'no-change',
    ],
    [
      'an amendment without reason',
      at.committed,
      staff,
      amendContact({ reason: undefined }),
      'RuleRefused',
      'reason-required',
    ],
    [
      'amending a contact after incubation',
      at.incubated,
      staff,
      amendContact({ amountFen: 1 }),
      'WrongStage',
      'project-closed',
    ],
    // signOffInvestment
    [
      'a sign-off without a commitment',
      at.investorContact,
      staff,
      d.signOff,
      'RuleRefused',
      'no-commitment',
    ],
    [
      'a sign-off after only a meeting',
      () => run(at.investorContact(), [[staff, d.contact('c-1', 'meeting')]]),
      mentorA,
      d.signOff,
      'RuleRefused',
      'no-commitment',
    ],
    [
      'the same staff member signing twice',
      staffSigned,
      staff,
      d.signOff,
      'RuleRefused',
      'signoff-same-person',
    ],
    [
      'the same mentor signing twice',
      mentorSigned,
      mentorA,
      d.signOff,
      'RuleRefused',
      'signoff-same-person',
    ],
    [
      'a second staff sign-off',
      staffSigned,
      staff2,
      d.signOff,
      'RuleRefused',
      'signoff-already-given',
    ],
    [
      'an admin after a staff sign-off',
      staffSigned,
      admin,
      d.signOff,
      'RuleRefused',
      'signoff-already-given',
    ],
    [
      'a mentor of another project signing',
      at.committed,
      mentorB,
      d.signOff,
      'RuleRefused',
      'not-your-project',
    ],
    ['a reviewer signing', at.committed, reviewer, d.signOff, 'RuleRefused', 'reviewer-read-only'],
    [
      'signing off in the wrong stage',
      at.planInReview,
      staff,
      d.signOff,
      'WrongStage',
      'wrong-stage',
    ],
    // recordCompany
    [
      'a company before the sign-offs',
      mentorSigned,
      staff,
      d.company(),
      'WrongStage',
      'wrong-stage',
    ],
    [
      'a company with a bad USCC',
      at.companyRegistration,
      staff,
      d.company({ uscc: '91350100M000100Y44' }),
      'RuleRefused',
      'uscc',
    ],
    [
      'a company with IP shares of 9999',
      at.companyRegistration,
      staff,
      d.company({ ipShares: { universityBp: 3333, localGovernmentBp: 3333, enterpriseBp: 3333 } }),
      'RuleRefused',
      'ip-shares-sum',
    ],
    [
      'recording the company twice',
      at.companyRecorded,
      staff,
      d.company(),
      'RuleRefused',
      'company-already-recorded',
    ],
    [
      'a mentor recording the company',
      at.companyRegistration,
      mentorA,
      d.company(),
      'RuleRefused',
      'staff-only',
    ],
    // amendCompany
    [
      'amending a company not recorded',
      at.companyRegistration,
      staff,
      amendCompany(),
      'RuleRefused',
      'no-company',
    ],
    [
      'a company amendment that changes nothing',
      at.companyRecorded,
      staff,
      amendCompany(),
      'RuleRefused',
      'no-change',
    ],
    [
      'amending the company after incubation',
      at.incubated,
      staff,
      amendCompany({ jobsCreated: 20 }),
      'WrongStage',
      'project-closed',
    ],
    // approveIncubation
    [
      'incubating without a company',
      at.companyRegistration,
      staff,
      d.approveIncubation,
      'RuleRefused',
      'no-company',
    ],
    [
      'a mentor incubating',
      at.companyRecorded,
      mentorA,
      d.approveIncubation,
      'RuleRefused',
      'staff-only',
    ],
    ['incubating too early', at.committed, staff, d.approveIncubation, 'WrongStage', 'wrong-stage'],
    // withdraw
    [
      'withdrawing without reason',
      at.businessPlan,
      staff,
      { type: 'withdraw', reason: '' },
      'RuleRefused',
      'reason-required',
    ],
    ['a mentor withdrawing', at.businessPlan, mentorA, d.withdraw, 'RuleRefused', 'staff-only'],
    [
      'withdrawing a rejected project',
      () =>
        run(at.application(), [
          [staff, { type: 'screenApplication', outcome: 'reject', comment: 'No.' }],
        ]),
      staff,
      d.withdraw,
      'WrongStage',
      'project-closed',
    ],
    // replaceMentor
    [
      'replacing before matching',
      at.proposed,
      staff,
      { type: 'replaceMentor', mentorId: 'm-b', reason: 'x' },
      'WrongStage',
      'wrong-stage',
    ],
    [
      'replacing a mentor by themselves',
      at.businessPlan,
      staff,
      { type: 'replaceMentor', mentorId: 'm-a', reason: 'x' },
      'RuleRefused',
      'same-mentor',
    ],
    [
      'bringing back a replaced mentor',
      replaced,
      staff,
      { type: 'replaceMentor', mentorId: 'm-a', reason: 'x' },
      'RuleRefused',
      'mentor-excluded',
    ],
    [
      'replacing without reason',
      at.businessPlan,
      staff,
      { type: 'replaceMentor', mentorId: 'm-b', reason: '' },
      'RuleRefused',
      'reason-required',
    ],
    // extendDeadline
    [
      'extending an action that is not pending',
      at.application,
      staff,
      {
        type: 'extendDeadline',
        action: 'approvePlan',
        byDuration: { workingDays: 2 },
        reason: 'x',
      },
      'RuleRefused',
      'no-such-pending-action',
    ],
    [
      'a mentor extending their own deadline',
      at.planInReview,
      mentorA,
      {
        type: 'extendDeadline',
        action: 'approvePlan',
        byDuration: { workingDays: 2 },
        reason: 'x',
      },
      'RuleRefused',
      'staff-only',
    ],
    // putOnHold / resumeProject
    ['holding a held project', at.onHold, staff, d.hold, 'RuleRefused', 'already-on-hold'],
    ['resuming an active project', at.businessPlan, staff, d.resume, 'RuleRefused', 'not-on-hold'],
    ['deciding while on hold', at.onHold, staff, d.plan(1), 'WrongStage', 'on-hold'],
    [
      'extending a deadline while on hold',
      at.onHold,
      staff,
      {
        type: 'extendDeadline',
        action: 'submitPlanVersion',
        byDuration: { workingDays: 2 },
        reason: 'x',
      },
      'WrongStage',
      'on-hold',
    ],
    ['a mentor resuming', at.onHold, mentorA, d.resume, 'RuleRefused', 'staff-only'],
    [
      'holding without reason',
      at.businessPlan,
      staff,
      { type: 'putOnHold', reason: '' },
      'RuleRefused',
      'reason-required',
    ],
  ])('%s', (_label, state, actor, decision, kind, rule) => {
    const refusal = judgeDecision(state(), actor, decision);
    expect(refusal).toEqual(expect.objectContaining({ kind, rule }));
    expect(refusal?.message).toMatch(/\w.*\.$/);
  });
});

describe('judgeDecision accepts', () => {
  it.each<[string, () => ProjectState, Actor, Decision]>([
    ['an admin screening', at.application, admin, d.accept],
    ['the proposed mentor accepting', at.proposed, mentorA, d.acceptAssignment],
    ['the assigned mentor signing first', at.committed, mentorA, d.signOff],
    ['staff signing after the mentor', mentorSigned, staff, d.signOff],
    ['withdrawing a held project', at.onHold, staff, d.withdraw],
    ['resuming a held project', at.onHold, admin, d.resume],
    [
      'an extra round at the limit',
      revisionLimit,
      staff,
      { type: 'allowExtraRevisionRound', reason: 'Nearly there.' },
    ],
    [
      'amending a contact after the stage closed',
      at.companyRegistration,
      staff,
      amendContact({ amountFen: 1 }),
    ],
    [
      'the new mentor reviewing after a replacement',
      () => run(replaced(), [[staff, d.plan(1)]]),
      mentorB,
      d.approvePlan,
    ],
    [
      'extending a pending deadline',
      at.proposed,
      staff,
      {
        type: 'extendDeadline',
        action: 'acceptAssignment',
        byDuration: { workingDays: 2 },
        reason: 'Mentor travelling.',
      },
    ],
    [
      'the same staff member signing again after a new contact',
      () => run(staffSigned(), [[staff, d.contact('c-2', 'grant')]]),
      staff,
      d.signOff,
    ],
  ])('%s', (_label, state, actor, decision) => {
    expect(judgeDecision(state(), actor, decision)).toBeNull();
  });
});

describe('a refusal that names a mentor says why', () => {
  const replaceWithA: Decision = { type: 'replaceMentor', mentorId: 'm-a', reason: 'x' };
  it.each([
    ['declined', declined, d.assign('m-a'), 'because they declined it'],
    ['replaced', replaced, replaceWithA, 'because they were replaced'],
  ])('%s', (_label, state, decision, why) => {
    expect(judgeDecision(state(), staff, decision)?.message).toContain(why);
  });
});
