import { DEFAULT_POLICY, OPEN_STAGES, Stage } from '@app/domain';
import {
  d,
  mentorA,
  mentorB,
  sampleApplication,
  staff,
  staff2,
  uniqueSuffix,
  TEST_MENTORS,
} from '../support/fixtures';
import { recordHistoryFixture } from '../support/history-fixtures';
import { IntegrationContext, openIntegrationContext } from '../support/integration-context';
import { driveTo } from '../support/pipeline-steps';
import { decide, ProjectHandle, recordsOf, startProject, stateOf } from '../support/project-driver';

describe('project workflow: screening outcomes, withdrawal, corrections and overrides', () => {
  let ctx: IntegrationContext;
  beforeAll(async () => {
    ctx = await openIntegrationContext('paths');
  });
  afterAll(() => ctx?.close());

  async function newProject(
    policy = DEFAULT_POLICY,
  ): Promise<{ projectId: string; handle: ProjectHandle }> {
    const application = sampleApplication(uniqueSuffix());
    const started = await startProject(
      ctx.client,
      ctx.config.TEMPORAL_TASK_QUEUE,
      application,
      policy,
    );
    // The API claims the title before starting the workflow; here the test does.
    await ctx.db.query(
      'INSERT INTO title_claims (project_id, college, normalized_title) VALUES ($1, $2, $3)',
      [started.projectId, application.college, application.title.toLowerCase()],
    );
    return started;
  }

  async function claimReleased(projectId: string): Promise<boolean> {
    const claim = await ctx.db.query('SELECT released_at FROM title_claims WHERE project_id = $1', [
      projectId,
    ]);
    return claim.rows[0].released_at !== null;
  }

  it('rejects at screening with a reason, closes the project and releases the title', async () => {
    const { projectId, handle } = await newProject();
    const result = await decide(handle, staff, {
      type: 'screenApplication',
      outcome: 'reject',
      comment: 'Not yet a research result.',
    });
    expect(result).toEqual(expect.objectContaining({ stage: 'REJECTED', status: 'CLOSED' }));
    const final = await handle.result();
    await recordHistoryFixture(handle, 'rejected-at-screening');
    expect(final.state.screening.rejectionReason).toBe('Not yet a research result.');
    expect((await recordsOf(ctx.db, projectId)).row).toEqual(
      expect.objectContaining({ stage: 'REJECTED', status: 'CLOSED' }),
    );
    expect(await claimReleased(projectId)).toBe(true);
  });

  it('returns an application, takes the resubmission and accepts it', async () => {
    const { handle } = await newProject();
    const application = (await stateOf(handle)).state.application;
    await decide(handle, staff, {
      type: 'screenApplication',
      outcome: 'return',
      comment: 'Add the patent.',
    });
    expect((await stateOf(handle)).state.pendingActions).toEqual([
      expect.objectContaining({ action: 'resubmitApplication', actorRole: 'staff' }),
    ]);
    const revised = { ...application, summary: 'Revised: the granted patent is attached.' };
    await decide(handle, staff, { type: 'resubmitApplication', application: revised });
    const resubmitted = (await stateOf(handle)).state;
    expect(resubmitted.application.summary).toBe(revised.summary);
    expect(resubmitted.screening.returnedCount).toBe(1);
    const accepted = await decide(handle, staff, d.accept);
    expect(accepted.stage).toBe('MENTOR_MATCHING');
    await recordHistoryFixture(handle, 'returned-resubmitted-accepted');
  });

  it.each(OPEN_STAGES.map((stage) => [stage]))(
    'withdraws from %s with a reason and releases the title',
    async (stage: Stage) => {
      const { projectId, handle } = await newProject();
      await driveTo(handle, stage, ctx.plans);
      expect((await stateOf(handle)).state.stage).toBe(stage);
      const result = await decide(handle, staff, d.withdraw);
      expect(result.stage).toBe('WITHDRAWN');
      const final = await handle.result();
      await recordHistoryFixture(handle, `withdrawn-from-${stage.toLowerCase()}`);
      expect(final.state.closedReason).toBe(d.withdraw.reason);
      expect((await recordsOf(ctx.db, projectId)).row?.stage).toBe('WITHDRAWN');
      expect(await claimReleased(projectId)).toBe(true);
    },
  );

  it('puts a project on hold and resumes it', async () => {
    const { handle } = await newProject();
    await driveTo(handle, 'BUSINESS_PLAN', ctx.plans);
    const pendingBefore = (await stateOf(handle)).state.pendingActions;
    expect((await decide(handle, staff, d.hold)).status).toBe('ON_HOLD');
    expect((await stateOf(handle)).state.pendingActions).toEqual([
      expect.objectContaining({ action: 'resumeProject' }),
    ]);
    expect((await decide(handle, staff, d.resume)).status).toBe('ACTIVE');
    expect((await stateOf(handle)).state.pendingActions).toEqual(pendingBefore);
    await recordHistoryFixture(handle, 'hold-and-resume');
  });

  it('replaces the mentor and extends a deadline', async () => {
    const { projectId, handle } = await newProject();
    await driveTo(handle, 'BUSINESS_PLAN', ctx.plans);
    await decide(handle, staff, {
      type: 'replaceMentor',
      mentorId: TEST_MENTORS.b.id,
      reason: 'Mentor A moved abroad.',
    });
    const replaced = (await stateOf(handle)).state;
    expect(replaced.matching.assignedMentorId).toBe(TEST_MENTORS.b.id);
    expect(replaced.matching.excludedMentors).toEqual([
      expect.objectContaining({ mentorId: TEST_MENTORS.a.id, reason: 'replaced' }),
    ]);
    expect((await recordsOf(ctx.db, projectId)).row?.mentor_id).toBe(TEST_MENTORS.b.id);
    // The new mentor now reviews; the replaced one is a stranger to the project.
    await decide(handle, staff, await ctx.plans.sendableFor(handle, d.plan(1)));
    await decide(handle, staff, {
      type: 'extendDeadline',
      action: 'approvePlan',
      byDuration: { workingDays: 3 },
      reason: 'The mentor is travelling.',
    });
    expect((await decide(handle, mentorB, d.approvePlan)).stage).toBe('INVESTOR_CONTACT');
    await recordHistoryFixture(handle, 'mentor-replaced-deadline-extended');
  });

  it('allows one more revision round once the limit is reached', async () => {
    const { handle } = await newProject({ ...DEFAULT_POLICY, maxRevisionRounds: 1 });
    await driveTo(handle, 'BUSINESS_PLAN', ctx.plans);
    await decide(handle, staff, await ctx.plans.sendableFor(handle, d.plan(1)));
    await decide(handle, mentorA, d.revise);
    const limited = (await stateOf(handle)).state;
    expect(limited.plan.revisionLimitReached).toBe(true);
    expect(limited.flags).toEqual(expect.objectContaining({ needsAttention: true }));
    await decide(handle, staff, { type: 'allowExtraRevisionRound', reason: 'Close to done.' });
    const allowed = (await stateOf(handle)).state;
    expect(allowed.flags.needsAttention).toBe(false);
    await decide(handle, staff, await ctx.plans.sendableFor(handle, d.plan(2)));
    expect((await decide(handle, mentorA, d.approvePlan)).stage).toBe('INVESTOR_CONTACT');
    await recordHistoryFixture(handle, 'extra-revision-round');
  });

  it('amends a contact (clearing earlier sign-offs) and amends the company record', async () => {
    const { handle } = await newProject();
    await driveTo(handle, 'INVESTOR_CONTACT', ctx.plans);
    await decide(handle, staff, d.contact('c-9', 'term_sheet'));
    await decide(handle, mentorA, d.signOff);
    await decide(handle, staff, {
      ...d.contact('c-9', 'invested'),
      type: 'amendInvestorContact',
      reason: 'The term sheet became an investment.',
    });
    const amended = (await stateOf(handle)).state;
    expect(amended.investorContacts.find((c) => c.contactId === 'c-9')?.outcome).toBe('invested');
    // The mentor's sign-off covered the contacts before the amendment: both are needed again.
    await decide(handle, staff2, d.signOff);
    expect((await stateOf(handle)).state.stage).toBe('INVESTOR_CONTACT');
    expect((await decide(handle, mentorA, d.signOff)).stage).toBe('COMPANY_REGISTRATION');

    await decide(handle, staff, d.company());
    await decide(handle, staff, {
      ...d.company({ jobsCreated: 15 }),
      type: 'amendCompany',
      reason: 'Three more hires before registration closed.',
    });
    expect((await stateOf(handle)).state.company?.jobsCreated).toBe(15);
    expect((await decide(handle, staff, d.approveIncubation)).stage).toBe('INCUBATED');
    await recordHistoryFixture(handle, 'contact-and-company-amended');
  });
});
