import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_POLICY } from '@app/domain';
import { DueTimeActivities } from '../../apps/worker/src/activities/time.activities';
import { eventually } from '../support/eventually';
import { d, sampleApplication, staff, uniqueSuffix } from '../support/fixtures';
import { recordHistoryFixture } from '../support/history-fixtures';
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

/**
 * An extension adds time to a step that has a time limit: working days from its current due
 * time, or from now when it is already overdue. A step with no time limit has nothing to extend.
 */
describe('project workflow: deadline extensions', () => {
  let ctx: IntegrationContext;
  let time: DueTimeActivities;
  beforeAll(async () => {
    ctx = await openIntegrationContext('extensions');
    time = ctx.worker.app.get(DueTimeActivities);
  });
  afterAll(() => ctx?.close());

  async function newProject(
    policy = DEFAULT_POLICY,
  ): Promise<{ projectId: string; handle: ProjectHandle }> {
    return startProject(
      ctx.client,
      ctx.config.TEMPORAL_TASK_QUEUE,
      sampleApplication(uniqueSuffix()),
      policy,
    );
  }

  const dueOf = async (handle: ProjectHandle, action: string): Promise<string | undefined> =>
    (await stateOf(handle)).state.pendingActions.find((pending) => pending.action === action)
      ?.dueAt;

  it('refuses to extend a step with no time limit, and leaves no trace', async () => {
    const { projectId, handle } = await newProject();
    await driveTo(handle, 'BUSINESS_PLAN');
    expect(await dueOf(handle, 'submitPlanVersion')).toBeUndefined();
    const before = {
      history: await historyLength(handle),
      audit: (await recordsOf(ctx.db, projectId)).audit.length,
    };
    const { type, refusal } = await refusalOf(handle, staff, {
      type: 'extendDeadline',
      action: 'submitPlanVersion',
      byDuration: { workingDays: 2 },
      reason: 'More time for the team.',
    });
    expect({ type, rule: refusal.rule, field: refusal.field }).toEqual({
      type: 'RuleRefused',
      rule: 'no-time-limit',
      field: 'action',
    });
    expect(refusal.message).toContain('submitPlanVersion has no time limit');
    expect({
      history: await historyLength(handle),
      audit: (await recordsOf(ctx.db, projectId)).audit.length,
    }).toEqual(before);
  });

  it('adds working days to the current due time on the working-day calendar', async () => {
    const { handle } = await newProject();
    await driveTo(handle, 'BUSINESS_PLAN');
    await decide(handle, staff, await ctx.plans.sendableFor(handle, d.plan(1)));
    const dueBefore = await eventually(async () => {
      const due = await dueOf(handle, 'approvePlan');
      expect(due).toBeDefined();
      return due as string;
    });
    await decide(handle, staff, {
      type: 'extendDeadline',
      action: 'approvePlan',
      byDuration: { workingDays: 3 },
      reason: 'The mentor is travelling.',
    });
    const expected = await time.computeDueAt({ fromIso: dueBefore, limit: { workingDays: 3 } });
    expect(await dueOf(handle, 'approvePlan')).toBe(expected);
    // Three working days are at least three calendar days later (more over a weekend or holiday).
    expect(Date.parse(expected) - Date.parse(dueBefore)).toBeGreaterThanOrEqual(3 * 86_400_000);
  });

  it('extends an overdue step from now, not from the due time that passed', async () => {
    const { handle } = await newProject({ ...DEFAULT_POLICY, planReviewLimit: { seconds: 2 } });
    await driveTo(handle, 'BUSINESS_PLAN');
    await decide(handle, staff, await ctx.plans.sendableFor(handle, d.plan(1)));
    const overdueAt = await eventually(async () => {
      const { state } = await stateOf(handle);
      expect(state.flags.needsAttention).toBe(true);
      return state.pendingActions.find((pending) => pending.action === 'approvePlan')
        ?.dueAt as string;
    }, 15_000);
    await sleep(1_500);
    const asked = Date.now();
    await decide(handle, staff, {
      type: 'extendDeadline',
      action: 'approvePlan',
      byDuration: { seconds: 600 },
      reason: 'The mentor was ill.',
    });
    const extended = Date.parse((await dueOf(handle, 'approvePlan')) ?? '');
    expect(extended).toBeGreaterThanOrEqual(asked + 600_000 - 1_000);
    expect(extended).toBeGreaterThan(Date.parse(overdueAt) + 600_000 + 1_000);
    await recordHistoryFixture(handle, 'overdue-deadline-extended-from-now');
  });
});
