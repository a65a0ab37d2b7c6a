import { Actor } from '../actor.types';
import { Application } from '../application.types';
import { applyDecision } from '../decide.reducer';
import { Decision, DecisionOf } from '../decisions.types';
import { judgeDecision } from '../judge-decision.rules';
import { DEFAULT_POLICY, Policy } from '../policy.types';
import { createInitialState } from '../project-state.factory';
import { ProjectState } from '../project-state.types';

/** Shared test data for the domain specs: valid by default, spread and override per case. */

export const NOW = '2025-03-03T02:00:00.000Z';

export const POLICY: Policy = DEFAULT_POLICY;

export const staff: Actor = { userId: 'u-staff-1', role: 'staff' };
export const staff2: Actor = { userId: 'u-staff-2', role: 'staff' };
export const admin: Actor = { userId: 'u-admin', role: 'admin' };
export const reviewer: Actor = { userId: 'u-reviewer', role: 'reviewer' };
export const mentorA: Actor = { userId: 'u-mentor-a', role: 'mentor', mentorId: 'm-a' };
export const mentorB: Actor = { userId: 'u-mentor-b', role: 'mentor', mentorId: 'm-b' };
export const mentorC: Actor = { userId: 'u-mentor-c', role: 'mentor', mentorId: 'm-c' };

/** Computed with the GB 32100-2015 algorithm (a real Fuzhou code). */
export const VALID_USCC = '91350100M000100Y43';

export function validApplication(overrides: Partial<Application> = {}): Application {
  return {
    title: 'Low-power lidar for orchard robots',
    summary: 'A solid-state lidar prototype with a granted patent.',
    fieldTags: ['robotics', 'optics', 'agriculture'],
    college: 'College of Optical Engineering',
    partyBranch: 'Graduate Party Branch No. 3',
    teamMembers: [
      { name: 'Li Wei', memberId: 'S2021001', role: 'lead', degree: 'phd', partyMember: true },
      {
        name: 'Zhang Min',
        memberId: 'S2022017',
        role: 'member',
        degree: 'master',
        partyMember: false,
        affiliation: 'Sunny Optics Ltd',
      },
      {
        name: 'Prof. Chen',
        memberId: 'T1999003',
        role: 'advisor',
        degree: 'phd',
        partyMember: true,
      },
    ],
    technologyReadinessLevel: 4,
    ipAssets: [{ patentNumber: 'ZL202110000001.X', title: 'Solid-state lidar', status: 'granted' }],
    fundingRequestedFen: 50_000_000,
    ...overrides,
  };
}

export const d = {
  accept: { type: 'screenApplication', outcome: 'accept' } satisfies Decision,
  assign: (mentorId = 'm-a'): Decision => ({ type: 'assignMentor', mentorId }),
  acceptAssignment: { type: 'acceptAssignment' } satisfies Decision,
  decline: { type: 'declineAssignment', reason: 'No time this term.' } satisfies Decision,
  plan: (n = 1): DecisionOf<'submitPlanVersion'> => ({
    type: 'submitPlanVersion',
    document: {
      documentId: `doc-${n}`,
      sha256: String(n).repeat(64).slice(0, 64),
      fileName: `plan-v${n}.pdf`,
      mediaType: 'application/pdf',
      sizeBytes: 123456,
    },
    summaries: {
      market: 'Orchards in Shandong.',
      product: 'Lidar module.',
      team: 'Three people.',
      financials: 'Break-even in year 3.',
      ipStrategy: 'License from the university.',
    },
  }),
  approvePlan: { type: 'approvePlan', comment: 'Good.' } satisfies Decision,
  revise: { type: 'requestRevision', comment: 'Tighten the financials.' } satisfies Decision,
  contact: (
    contactId = 'c-1',
    outcome: DecisionOf<'recordInvestorContact'>['outcome'] = 'term_sheet',
  ): DecisionOf<'recordInvestorContact'> => ({
    type: 'recordInvestorContact',
    contactId,
    investorName: 'Qiming Ventures',
    kind: 'vc',
    date: '2025-02-28',
    outcome,
    amountFen: outcome === 'meeting' || outcome === 'declined' ? 0 : 300_000_000,
  }),
  signOff: { type: 'signOffInvestment' } satisfies Decision,
  company: (overrides: Partial<DecisionOf<'recordCompany'>> = {}): DecisionOf<'recordCompany'> => ({
    type: 'recordCompany',
    companyName: 'Orchard Lidar Technology Co., Ltd.',
    uscc: VALID_USCC,
    registrationDate: '2025-03-01',
    registeredCapitalFen: 100_000_000,
    jobsCreated: 12,
    ipShares: { universityBp: 4000, localGovernmentBp: 2000, enterpriseBp: 4000 },
    rdTeamProfitShareBp: 3000,
    ...overrides,
  }),
  approveIncubation: { type: 'approveIncubation' } satisfies Decision,
  withdraw: { type: 'withdraw', reason: 'The team dissolved.' } satisfies Decision,
  hold: { type: 'putOnHold', reason: 'Patent dispute.' } satisfies Decision,
  resume: { type: 'resumeProject', reason: 'Dispute settled.' } satisfies Decision,
} as const;

export function initialState(application: Application = validApplication()): ProjectState {
  return createInitialState('p-1', application, NOW);
}

let counter = 0;

/** Judges and applies each step, failing loudly if one is refused, like the workflow would. */
export function run(
  state: ProjectState,
  steps: readonly (readonly [Actor, Decision])[],
  policy: Policy = POLICY,
): ProjectState {
  return steps.reduce((current, [actor, decision]) => {
    const refusal = judgeDecision(current, actor, decision);
    if (refusal) {
      throw new Error(
        `${decision.type} by ${actor.userId} refused: ${refusal.rule}: ${refusal.message}`,
      );
    }
    counter += 1;
    return applyDecision(current, policy, actor, decision, `dec-${counter}`, NOW).state;
  }, state);
}

/** Named points along the happy path, to start judge and reducer cases from. */
export const at = {
  application: (): ProjectState => initialState(),
  matching: (): ProjectState => run(initialState(), [[staff, d.accept]]),
  proposed: (): ProjectState => run(at.matching(), [[staff, d.assign('m-a')]]),
  businessPlan: (): ProjectState => run(at.proposed(), [[mentorA, d.acceptAssignment]]),
  planInReview: (): ProjectState => run(at.businessPlan(), [[staff, d.plan(1)]]),
  /** Three revision requests, the default policy's limit: the third version is under review. */
  revisionLimit: (): ProjectState =>
    run(at.planInReview(), [
      [mentorA, d.revise],
      [staff, d.plan(2)],
      [mentorA, d.revise],
      [staff, d.plan(3)],
      [mentorA, d.revise],
    ]),
  investorContact: (): ProjectState => run(at.planInReview(), [[mentorA, d.approvePlan]]),
  committed: (): ProjectState => run(at.investorContact(), [[staff, d.contact('c-1')]]),
  companyRegistration: (): ProjectState =>
    run(at.committed(), [
      [mentorA, d.signOff],
      [staff2, d.signOff],
    ]),
  companyRecorded: (): ProjectState => run(at.companyRegistration(), [[staff, d.company()]]),
  incubated: (): ProjectState => run(at.companyRecorded(), [[staff, d.approveIncubation]]),
  onHold: (): ProjectState => run(at.businessPlan(), [[staff, d.hold]]),
};
