import { randomBytes, randomUUID } from 'node:crypto';
import { FuzzPeople, HttpFailure, SetUpClient } from './fuzz-people';

/** A valid USCC (its GB 32100-2015 check character holds), for the recorded company. */
export const VALID_USCC = '91350100M000100Y43';

/** Titles are claimed per college for good: a tag per run keeps runs on one API apart. */
const RUN_TAG = randomBytes(3).toString('hex');

export function application(n: number): Record<string, unknown> {
  return {
    title: `Fuzz project ${RUN_TAG}-${n}`,
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

export const PLAN_SUMMARIES = {
  market: 'Orchards.',
  product: 'Lidar.',
  team: 'Three.',
  financials: 'Year 3.',
  ipStrategy: 'Licence.',
};

export const TERM_SHEET = {
  contactId: 'c-1',
  investorName: 'Qiming Ventures',
  kind: 'vc',
  date: '2025-02-28',
  outcome: 'term_sheet',
  amountFen: 300_000_000,
};

export const COMPANY = {
  companyName: 'Orchard Lidar Technology Co., Ltd.',
  uscc: VALID_USCC,
  registrationDate: '2025-03-01',
  registeredCapitalFen: 100_000_000,
  jobsCreated: 12,
  ipShares: { universityBp: 4000, localGovernmentBp: 2000, enterpriseBp: 4000 },
  rdTeamProfitShareBp: 3000,
};

/** A small PDF (its signature, text, the end marker): what the upload's recogniser accepts. */
export function planPdf(label: string): Buffer {
  return Buffer.from(`%PDF-1.4\n% business plan ${label}\n%%EOF\n`, 'latin1');
}

/** Uploads a plan document to the project as staff; its documentId. */
export async function uploadPlan(
  api: SetUpClient,
  token: string,
  projectId: string,
  label: string,
): Promise<string> {
  // A second upload of the same bytes is harmless: only a plan version names a document.
  const response = await api.send(`/projects/${projectId}/plan-documents`, () => {
    const form = new FormData();
    form.append('file', new Blob([planPdf(label)], { type: 'application/pdf' }), `${label}.pdf`);
    return { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form };
  });
  const text = await response.text();
  if (response.status !== 201) {
    throw new HttpFailure(`uploading a plan to ${projectId} answered ${response.status}: ${text}`);
  }
  return (JSON.parse(text) as { documentId: string }).documentId;
}

type Who = 'staff' | 'mentor';
type Step = [reached: Milestone, who: Who, action: string, body: Record<string, unknown> | 'plan'];

/** The happy path as HTTP steps; each names the point a project has reached after it. */
function steps(mentorId: string): Step[] {
  return [
    ['MENTOR_MATCHING', 'staff', 'screening', { outcome: 'accept' }],
    ['PROPOSED', 'staff', 'mentor-assignment', { mentorId }],
    ['BUSINESS_PLAN', 'mentor', 'mentor-assignment/accept', {}],
    ['PLAN_IN_REVIEW', 'staff', 'plan-versions', 'plan'],
    ['INVESTOR_CONTACT', 'mentor', 'plan-review/approve', {}],
    ['COMMITTED', 'staff', 'investor-contacts', TERM_SHEET],
    ['STAFF_SIGNED_OFF', 'staff', 'investment-sign-offs', {}],
    ['COMPANY_REGISTRATION', 'mentor', 'investment-sign-offs', {}],
    ['COMPANY_RECORDED', 'staff', 'company', COMPANY],
  ];
}

/** The policy's revision rounds (DEFAULT_POLICY.maxRevisionRounds) used up: plan, revision, ×3. */
const REVISION_ROUNDS = 3;

export const MILESTONES = [
  'APPLICATION',
  'RETURNED',
  'MENTOR_MATCHING',
  'PROPOSED',
  'BUSINESS_PLAN',
  'PLAN_IN_REVIEW',
  'REVISION_LIMIT',
  'INVESTOR_CONTACT',
  'COMMITTED',
  'STAFF_SIGNED_OFF',
  'COMPANY_REGISTRATION',
  'COMPANY_RECORDED',
  'ON_HOLD',
] as const;
export type Milestone = (typeof MILESTONES)[number];

/** The happy path's order, for "has a project passed this point". */
const HAPPY_PATH: Milestone[] = [
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
];

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
  decisionsAllowExtraRevisionRound: ['REVISION_LIMIT'],
  decisionsRecordInvestorContact: ['INVESTOR_CONTACT'],
  decisionsAmendInvestorContact: ['COMMITTED'],
  decisionsSignOffInvestment: ['COMMITTED', 'STAFF_SIGNED_OFF'],
  decisionsRecordCompany: ['COMPANY_REGISTRATION'],
  decisionsAmendCompany: ['COMPANY_RECORDED'],
  decisionsApproveIncubation: ['COMPANY_RECORDED'],
  // After matching: the mentor is assigned (not only proposed).
  decisionsReplaceMentor: ['BUSINESS_PLAN', 'INVESTOR_CONTACT'],
  // Only the steps with a time limit can be extended: screening, acceptance, plan review.
  decisionsExtendDeadline: ['APPLICATION', 'PROPOSED', 'PLAN_IN_REVIEW'],
  // Holding and withdrawing stop a project for every other decision: their own projects only.
  decisionsPutOnHold: ['MENTOR_MATCHING'],
  decisionsResumeProject: ['ON_HOLD'],
  decisionsWithdraw: ['APPLICATION'],
  planDocumentsUpload: ['BUSINESS_PLAN'],
};

/** A project the run made, where it stands, and what it was made with. */
export interface FuzzProject {
  projectId: string;
  milestone: Milestone;
  application: Record<string, unknown>;
  /** Documents uploaded to it: the plan it carries, and a spare for a plan version to name. */
  documentIds: string[];
  spareDocumentId?: string;
}

/** Runs `tasks` with at most `limit` at a time, keeping their order in the results. */
async function pooled<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, lane));
  return results;
}

/**
 * The milestone of each project to make: each decision has projects of its own at its first
 * milestone (so one decision taken on a project does not use up another's), and every
 * milestone has `perMilestone` more.
 */
export function plannedMilestones(perMilestone: number): Milestone[] {
  const wanted = new Map<Milestone, number>(MILESTONES.map((m) => [m, perMilestone]));
  for (const [first] of Object.values(DECISION_MILESTONES)) {
    wanted.set(first, (wanted.get(first) ?? 0) + perMilestone);
  }
  return MILESTONES.flatMap((m) => Array.from({ length: wanted.get(m) ?? 0 }, () => m));
}

/**
 * Projects standing at every point of the pipeline (`perMilestone` each, plus a share for
 * each decision of its own), made through the API with the staff and mentor tokens,
 * `concurrency` at a time (each project's steps in order). The fuzzer draws its project ids
 * from them, so a generated decision meets a workflow in the stage it needs.
 */
export async function createFuzzProjects(
  api: SetUpClient,
  people: FuzzPeople,
  mentorId: string,
  perMilestone: number,
  concurrency = 8,
): Promise<FuzzProject[]> {
  const token = (who: Who): string => people.tokens[who];
  const plan = plannedMilestones(perMilestone);
  const make = async (milestone: Milestone, n: number): Promise<FuzzProject> => {
    const made = application(n);
    const { projectId } = await api.json<{ projectId: string }>('POST', '/projects', {
      token: token('staff'),
      body: made,
      headers: { 'Idempotency-Key': `fuzz-${randomUUID()}` },
    });
    const project: FuzzProject = { projectId, milestone, application: made, documentIds: [] };
    const decide = (who: Who, action: string, body: Record<string, unknown>) =>
      api.json('POST', `/projects/${projectId}/${action}`, {
        token: token(who),
        body: { decisionId: randomUUID(), ...body },
      });
    const submitPlan = async (round: number): Promise<void> => {
      const documentId = await uploadPlan(api, token('staff'), projectId, `plan-${n}-${round}`);
      project.documentIds.push(documentId);
      await decide('staff', 'plan-versions', { documentId, summaries: PLAN_SUMMARIES });
    };
    if (milestone === 'ON_HOLD') {
      await decide('staff', 'hold', { reason: 'Patent dispute.' });
      return project;
    }
    if (milestone === 'RETURNED') {
      await decide('staff', 'screening', { outcome: 'return', comment: 'Add the patent.' });
      return project;
    }
    const target = milestone === 'REVISION_LIMIT' ? 'BUSINESS_PLAN' : milestone;
    for (const [reached, who, action, body] of steps(mentorId)) {
      if (HAPPY_PATH.indexOf(reached) > HAPPY_PATH.indexOf(target)) break;
      if (body === 'plan') await submitPlan(1);
      else await decide(who, action, body);
    }
    if (milestone === 'REVISION_LIMIT') {
      for (let round = 1; round <= REVISION_ROUNDS; round += 1) {
        await submitPlan(round);
        await decide('mentor', 'plan-review/request-revision', { comment: 'Market figures.' });
      }
    }
    if (milestone === 'BUSINESS_PLAN') {
      project.spareDocumentId = await uploadPlan(api, token('staff'), projectId, `spare-${n}`);
    }
    return project;
  };
  return pooled(
    plan.map((milestone, index) => () => make(milestone, index + 1)),
    concurrency,
  );
}

/** The project ids at each milestone. */
export function byMilestone(projects: FuzzProject[]): Map<Milestone, string[]> {
  const ids = new Map<Milestone, string[]>();
  for (const { milestone, projectId } of projects) {
    ids.set(milestone, [...(ids.get(milestone) ?? []), projectId]);
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
