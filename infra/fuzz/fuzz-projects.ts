import { randomUUID } from 'node:crypto';
import { call, FuzzPeople } from './fuzz-people';

/** A valid USCC (its GB 32100-2015 check character holds), for the recorded company. */
const VALID_USCC = '91350100M000100Y43';

function application(n: number): Record<string, unknown> {
  return {
    title: `Fuzz project ${n}`,
    summary: 'A project the fuzzer makes so generated decisions reach a real workflow.',
    fieldTags: ['robotics'],
    college: 'College of Engineering',
    partyBranch: 'Graduate Party Branch No. 3',
    teamMembers: [
      { name: 'Li Wei', memberId: `S2021${n}`, role: 'lead', degree: 'phd', partyMember: true },
    ],
    technologyReadinessLevel: 4,
    ipAssets: [{ patentNumber: `ZL2021100${n}.X`, title: 'Lidar', status: 'granted' }],
    fundingRequestedFen: 50_000_000,
  };
}

type Who = 'staff' | 'mentor';

/** The happy path as HTTP steps; each names the point a project has reached after it. */
function steps(mentorId: string): [string, Who, string, Record<string, unknown>][] {
  return [
    ['MENTOR_MATCHING', 'staff', 'screening', { outcome: 'accept' }],
    ['PROPOSED', 'staff', 'mentor-assignment', { mentorId }],
    ['BUSINESS_PLAN', 'mentor', 'mentor-assignment/accept', {}],
    [
      'PLAN_IN_REVIEW',
      'staff',
      'plan-versions',
      {
        document: {
          documentId: 'doc-1',
          sha256: '1'.repeat(64),
          fileName: 'plan-v1.pdf',
          mediaType: 'application/pdf',
          sizeBytes: 123456,
        },
        summaries: {
          market: 'Orchards.',
          product: 'Lidar.',
          team: 'Three.',
          financials: 'Year 3.',
          ipStrategy: 'Licence.',
        },
      },
    ],
    ['INVESTOR_CONTACT', 'mentor', 'plan-review/approve', {}],
    [
      'COMMITTED',
      'staff',
      'investor-contacts',
      {
        contactId: 'c-1',
        investorName: 'Qiming Ventures',
        kind: 'vc',
        date: '2025-02-28',
        outcome: 'term_sheet',
        amountFen: 300_000_000,
      },
    ],
    ['STAFF_SIGNED_OFF', 'staff', 'investment-sign-offs', {}],
    ['COMPANY_REGISTRATION', 'mentor', 'investment-sign-offs', {}],
    [
      'COMPANY_RECORDED',
      'staff',
      'company',
      {
        companyName: 'Orchard Lidar Technology Co., Ltd.',
        uscc: VALID_USCC,
        registrationDate: '2025-03-01',
        registeredCapitalFen: 100_000_000,
        jobsCreated: 12,
        ipShares: { universityBp: 4000, localGovernmentBp: 2000, enterpriseBp: 4000 },
        rdTeamProfitShareBp: 3000,
      },
    ],
  ];
}

export const MILESTONES = [
  'APPLICATION',
  'RETURNED',
  'MENTOR_MATCHING',
  'PROPOSED',
  'BUSINESS_PLAN',
  'PLAN_IN_REVIEW',
  'INVESTOR_CONTACT',
  'COMMITTED',
  'STAFF_SIGNED_OFF',
  'COMPANY_REGISTRATION',
  'COMPANY_RECORDED',
  'ON_HOLD',
] as const;
export type Milestone = (typeof MILESTONES)[number];

/**
 * Where each decision can be taken (the stage and pending step it needs): its generated
 * requests draw their project from there, so a valid one meets a workflow that takes it.
 */
export const DECISION_MILESTONES: Record<string, Milestone[]> = {
  decisionsScreen: ['APPLICATION'],
  decisionsResubmit: ['RETURNED'],
  decisionsAssignMentor: ['MENTOR_MATCHING'],
  decisionsAcceptAssignment: ['PROPOSED'],
  decisionsDeclineAssignment: ['PROPOSED'],
  decisionsSubmitPlanVersion: ['BUSINESS_PLAN'],
  decisionsApprovePlan: ['PLAN_IN_REVIEW'],
  decisionsRequestRevision: ['PLAN_IN_REVIEW'],
  decisionsAllowExtraRevisionRound: ['BUSINESS_PLAN', 'PLAN_IN_REVIEW'],
  decisionsRecordInvestorContact: ['INVESTOR_CONTACT'],
  decisionsAmendInvestorContact: ['COMMITTED'],
  decisionsSignOffInvestment: ['COMMITTED', 'STAFF_SIGNED_OFF'],
  decisionsRecordCompany: ['COMPANY_REGISTRATION'],
  decisionsAmendCompany: ['COMPANY_RECORDED'],
  decisionsApproveIncubation: ['COMPANY_RECORDED'],
  decisionsReplaceMentor: ['BUSINESS_PLAN', 'INVESTOR_CONTACT'],
  decisionsExtendDeadline: ['MENTOR_MATCHING', 'BUSINESS_PLAN', 'INVESTOR_CONTACT'],
  decisionsPutOnHold: ['MENTOR_MATCHING', 'BUSINESS_PLAN'],
  decisionsResumeProject: ['ON_HOLD'],
  decisionsWithdraw: ['APPLICATION', 'MENTOR_MATCHING', 'INVESTOR_CONTACT'],
  planDocumentsUpload: ['BUSINESS_PLAN'],
};

/**
 * Projects standing at every point of the pipeline (`perMilestone` each, plus some on hold),
 * made through the API with the staff and mentor tokens. The fuzzer draws its project ids
 * from them, so a generated decision meets a workflow in the stage it needs now and then.
 */
export async function createFuzzProjects(
  baseUrl: string,
  people: FuzzPeople,
  mentorId: string,
  perMilestone: number,
): Promise<Map<Milestone, string[]>> {
  const token = (who: Who): string => people.tokens[who];
  const ids = new Map<Milestone, string[]>();
  let n = 0;
  // Each decision has projects of its own at its first milestone (so one decision taken on a
  // project does not use up another's), and every milestone has `perMilestone` more.
  const wanted = new Map<Milestone, number>(MILESTONES.map((m) => [m, perMilestone]));
  for (const [first] of Object.values(DECISION_MILESTONES)) {
    wanted.set(first, (wanted.get(first) ?? 0) + perMilestone);
  }
  for (const milestone of MILESTONES) {
    for (let copy = 0; copy < (wanted.get(milestone) ?? 0); copy += 1) {
      n += 1;
      const { projectId } = await call<{ projectId: string }>(
        baseUrl,
        'POST',
        '/projects',
        token('staff'),
        application(n),
        { 'Idempotency-Key': `fuzz-${randomUUID()}` },
      );
      ids.set(milestone, [...(ids.get(milestone) ?? []), projectId]);
      const decide = (who: Who, action: string, body: Record<string, unknown>) =>
        call(baseUrl, 'POST', `/projects/${projectId}/${action}`, token(who), {
          decisionId: randomUUID(),
          ...body,
        });
      if (milestone === 'ON_HOLD') {
        await decide('staff', 'hold', { reason: 'Patent dispute.' });
        continue;
      }
      if (milestone === 'RETURNED') {
        await decide('staff', 'screening', { outcome: 'return', comment: 'Add the patent.' });
        continue;
      }
      for (const [reached, who, action, body] of steps(mentorId)) {
        if (MILESTONES.indexOf(reached as never) > MILESTONES.indexOf(milestone)) break;
        await decide(who, action, body);
      }
    }
  }
  return ids;
}

/** The projects one decision draws from: its own share of its first milestone, then the rest. */
export function projectsForDecision(
  operationId: string,
  projectsAt: Map<Milestone, string[]>,
): string[] {
  const milestones = DECISION_MILESTONES[operationId] ?? [];
  const [first, ...others] = milestones;
  if (!first) return [];
  const sharing = Object.entries(DECISION_MILESTONES)
    .filter(([, list]) => list[0] === first)
    .map(([id]) => id);
  const pool = projectsAt.get(first) ?? [];
  const share = pool.filter(
    (_, index) => index % (sharing.length + 1) === sharing.indexOf(operationId),
  );
  return [...share, ...others.flatMap((milestone) => projectsAt.get(milestone) ?? [])];
}
