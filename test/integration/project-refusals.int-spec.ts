import { Actor, Decision, Stage } from '@app/domain';
import {
  d,
  mentorA,
  mentorB,
  reviewer,
  sampleApplication,
  staff,
  staff2,
  uniqueSuffix,
  TEST_MENTORS,
} from '../support/fixtures';
import { IntegrationContext, openIntegrationContext } from '../support/integration-context';
import { driveTo } from '../support/pipeline-steps';
import {
  decide,
  historyLength,
  ProjectHandle,
  recordsOf,
  refusalOf,
  startProject,
  stateOf,
} from '../support/project-driver';

type Setup = 'application' | 'proposed' | 'planInReview' | 'committed' | 'companyRegistration';

/** Where each refusal is tried: a project driven to that point, shared by the cases. */
const SETUPS: Record<Setup, { stage: Stage; extra: [Actor, Decision][] }> = {
  application: { stage: 'APPLICATION', extra: [] },
  proposed: { stage: 'MENTOR_MATCHING', extra: [[staff, d.assign(TEST_MENTORS.a.id)]] },
  planInReview: { stage: 'BUSINESS_PLAN', extra: [[staff, d.plan(1)]] },
  committed: {
    stage: 'INVESTOR_CONTACT',
    extra: [
      [staff, d.contact('c-1')],
      [staff2, d.signOff],
    ],
  },
  companyRegistration: { stage: 'COMPANY_REGISTRATION', extra: [] },
};

const bad = (decision: object): Decision => decision as Decision;

/** At least one refusal per decision type: [what, setup, actor, decision, kind, rule]. */
const REFUSALS: [string, Setup, Actor, Decision, 'WrongStage' | 'RuleRefused', string][] = [
  ['a reviewer screens', 'application', reviewer, d.accept, 'RuleRefused', 'reviewer-read-only'],
  [
    'reject without a reason',
    'application',
    staff,
    bad({ type: 'screenApplication', outcome: 'reject' }),
    'RuleRefused',
    'comment-required',
  ],
  [
    'resubmit what was not returned',
    'application',
    staff,
    { type: 'resubmitApplication', application: sampleApplication('x') },
    'RuleRefused',
    'not-returned',
  ],
  [
    'assign a mentor before screening',
    'application',
    staff,
    d.assign(TEST_MENTORS.a.id),
    'WrongStage',
    'wrong-stage',
  ],
  [
    'another mentor accepts the assignment',
    'proposed',
    mentorB,
    d.acceptAssignment,
    'RuleRefused',
    'not-your-project',
  ],
  [
    'decline without a reason',
    'proposed',
    mentorA,
    bad({ type: 'declineAssignment', reason: '' }),
    'RuleRefused',
    'reason-required',
  ],
  ['a mentor submits the plan', 'planInReview', mentorA, d.plan(2), 'RuleRefused', 'staff-only'],
  [
    'another mentor approves the plan',
    'planInReview',
    mentorB,
    d.approvePlan,
    'RuleRefused',
    'not-your-project',
  ],
  [
    'a revision request without a comment',
    'planInReview',
    mentorA,
    bad({ type: 'requestRevision', comment: '   ' }),
    'RuleRefused',
    'comment-required',
  ],
  [
    'a contact before the plan is approved',
    'planInReview',
    staff,
    d.contact('c-1'),
    'WrongStage',
    'wrong-stage',
  ],
  [
    'the same person signs off twice',
    'committed',
    staff2,
    d.signOff,
    'RuleRefused',
    'signoff-same-person',
  ],
  [
    'amend an unknown contact',
    'committed',
    staff,
    { ...d.contact('c-404'), type: 'amendInvestorContact', reason: 'Typo.' },
    'RuleRefused',
    'unknown-contact',
  ],
  [
    'a company with a bad USCC',
    'companyRegistration',
    staff,
    d.company({ uscc: '91350100M000100Y44' }),
    'RuleRefused',
    'uscc',
  ],
  [
    'IP shares of 9999 basis points',
    'companyRegistration',
    staff,
    d.company({ ipShares: { universityBp: 4000, localGovernmentBp: 2000, enterpriseBp: 3999 } }),
    'RuleRefused',
    'ip-shares-sum',
  ],
  [
    'incubation before the company is recorded',
    'companyRegistration',
    staff,
    d.approveIncubation,
    'RuleRefused',
    'no-company',
  ],
  [
    'amend a company never recorded',
    'companyRegistration',
    staff,
    { ...d.company(), type: 'amendCompany', reason: 'Fix.' },
    'RuleRefused',
    'no-company',
  ],
  [
    'withdraw without a reason',
    'application',
    staff,
    bad({ type: 'withdraw' }),
    'RuleRefused',
    'reason-required',
  ],
  [
    'replace the mentor before matching',
    'application',
    staff,
    { type: 'replaceMentor', mentorId: TEST_MENTORS.b.id, reason: 'Why not.' },
    'WrongStage',
    'wrong-stage',
  ],
  [
    'extend a deadline nobody has',
    'application',
    staff,
    {
      type: 'extendDeadline',
      action: 'approvePlan',
      byDuration: { workingDays: 2 },
      reason: 'Busy.',
    },
    'RuleRefused',
    'no-such-pending-action',
  ],
  [
    'an extra round before the limit',
    'planInReview',
    staff,
    { type: 'allowExtraRevisionRound', reason: 'Kindness.' },
    'RuleRefused',
    'revision-limit-not-reached',
  ],
  [
    'a mentor puts the project on hold',
    'planInReview',
    mentorA,
    d.hold,
    'RuleRefused',
    'staff-only',
  ],
  [
    'resume a project that is not on hold',
    'application',
    staff,
    d.resume,
    'RuleRefused',
    'not-on-hold',
  ],
];

describe('project workflow: refused decisions leave no trace', () => {
  let ctx: IntegrationContext;
  const projects = new Map<Setup, { projectId: string; handle: ProjectHandle }>();

  beforeAll(async () => {
    ctx = await openIntegrationContext('refusals');
    for (const [setup, { stage, extra }] of Object.entries(SETUPS) as [
      Setup,
      (typeof SETUPS)[Setup],
    ][]) {
      const started = await startProject(
        ctx.client,
        ctx.config.TEMPORAL_TASK_QUEUE,
        sampleApplication(uniqueSuffix()),
      );
      await driveTo(started.handle, stage, ctx.plans);
      for (const [actor, decision] of extra) {
        await decide(started.handle, actor, await ctx.plans.sendableFor(started.handle, decision));
      }
      projects.set(setup, started);
    }
  });
  afterAll(() => ctx?.close());

  async function traces(setup: Setup): Promise<unknown> {
    const { projectId, handle } = projects.get(setup)!;
    const records = await recordsOf(ctx.db, projectId);
    return {
      history: await historyLength(handle),
      version: (await stateOf(handle)).state.version,
      row: records.row,
      auditRows: records.audit.length,
    };
  }

  it('covers every decision type', () => {
    const covered = new Set(REFUSALS.map(([, , , decision]) => decision.type));
    expect([...covered].sort()).toHaveLength(20);
  });

  it.each(REFUSALS)('%s (project at %s)', async (_what, setup, actor, decision, kind, rule) => {
    const { handle } = projects.get(setup)!;
    // A plan version carries a real upload (uploading changes none of the traces).
    const sent = await ctx.plans.sendableFor(handle, decision);
    const before = await traces(setup);
    const { type, refusal } = await refusalOf(handle, actor, sent);
    expect({ type, rule: refusal.rule }).toEqual({ type: kind, rule });
    expect(refusal.message.length).toBeGreaterThan(10);
    expect(await traces(setup)).toEqual(before);
  });
});
