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
): Promise<string[]> {
  const token = (who: Who): string => people.tokens[who];
  const ids: string[] = [];
  let n = 0;
  for (const milestone of MILESTONES) {
    for (let copy = 0; copy < perMilestone; copy += 1) {
      n += 1;
      const { projectId } = await call<{ projectId: string }>(
        baseUrl,
        'POST',
        '/projects',
        token('staff'),
        application(n),
        { 'Idempotency-Key': `fuzz-${randomUUID()}` },
      );
      ids.push(projectId);
      const decide = (who: Who, action: string, body: Record<string, unknown>) =>
        call(baseUrl, 'POST', `/projects/${projectId}/${action}`, token(who), {
          decisionId: randomUUID(),
          ...body,
        });
      if (milestone === 'ON_HOLD') {
        await decide('staff', 'hold', { reason: 'Patent dispute.' });
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
