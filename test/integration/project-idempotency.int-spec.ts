import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { verifyAuditChain } from '@app/persistence';
import { freePort } from '../../infra/dev/free-port';
import { resolveTemporalBinary } from '../../infra/dev/temporal-binary';
import { RunningTemporal, startTemporalDevServer } from '../../infra/dev/temporal-dev-server';
import { eventually } from '../support/eventually';
import {
  d,
  mentorA,
  sampleApplication,
  staff,
  uniqueSuffix,
  TEST_MENTORS,
} from '../support/fixtures';
import { recordHistoryFixture } from '../support/history-fixtures';
import { IntegrationContext, openIntegrationContext } from '../support/integration-context';
import {
  decide,
  ProjectHandle,
  recordsOf,
  refusalOf,
  startProject,
  stateOf,
} from '../support/project-driver';

/**
 * This file runs its own Temporal dev server that suggests continue-as-new after 40 events, so
 * a project hands its state (and its decisions) to a new run after a few decisions.
 */
describe('project workflow: a decision sent again changes nothing', () => {
  let temporal: RunningTemporal;
  let ctx: IntegrationContext;

  beforeAll(async () => {
    temporal = await startTemporalDevServer({
      binary: resolveTemporalBinary(),
      port: await freePort(),
      logFile: join(tmpdir(), `incubation-idempotency-${uniqueSuffix()}.log`),
      dynamicConfig: { 'limit.historyCount.suggestContinueAsNew': 40 },
    });
    ctx = await openIntegrationContext('idempotency', { TEMPORAL_ADDRESS: temporal.address });
  });
  afterAll(async () => {
    await ctx?.close();
    await temporal?.stop();
  });

  async function newProject(): Promise<{ projectId: string; handle: ProjectHandle }> {
    const started = await startProject(
      ctx.client,
      ctx.config.TEMPORAL_TASK_QUEUE,
      sampleApplication(uniqueSuffix()),
    );
    // The submission's records and the screening's due date land asynchronously.
    await eventually(async () =>
      expect(
        (await recordsOf(ctx.db, started.projectId)).audit.map((row) => row.event_type),
      ).toEqual(['applicationSubmitted', 'dueDateSet']),
    );
    return started;
  }

  /** What a decision changes: the decisions in the state and their audit rows. */
  async function effects(
    projectId: string,
    handle: ProjectHandle,
  ): Promise<{ decisions: string[]; auditedDecisions: (string | null)[] }> {
    const audit = (await recordsOf(ctx.db, projectId)).audit.filter((row) => row.decision_id);
    return {
      decisions: (await stateOf(handle)).state.lastDecisions.map((entry) => entry.decisionId),
      auditedDecisions: audit.map((row) => row.decision_id),
    };
  }

  it('answers a repeated decisionId with the first result and one effect', async () => {
    const { projectId, handle } = await newProject();
    const first = await decide(handle, staff, d.accept, 'screen-once');
    const after = await effects(projectId, handle);
    const again = await decide(handle, staff, d.accept, 'screen-once');
    expect(again).toEqual(first);
    expect(await effects(projectId, handle)).toEqual(after);
  });

  it('applies ten concurrent copies of one decision once', async () => {
    const { projectId, handle } = await newProject();
    const before = await effects(projectId, handle);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => decide(handle, staff, d.accept, 'screen-concurrently')),
    );
    expect(new Set(results.map((result) => JSON.stringify(result))).size).toBe(1);
    expect(await effects(projectId, handle)).toEqual({
      decisions: [...before.decisions, 'screen-concurrently'],
      auditedDecisions: [...before.auditedDecisions, 'screen-concurrently'],
    });
    const audit = (await recordsOf(ctx.db, projectId)).audit;
    expect(audit.filter((row) => row.decision_id === 'screen-concurrently')).toHaveLength(1);
    await recordHistoryFixture(handle, 'duplicate-decisions');
  });

  it('refuses the same decisionId with a different body, and nothing changes', async () => {
    const { projectId, handle } = await newProject();
    await decide(handle, staff, d.accept, 'screen-then-reuse');
    const before = await effects(projectId, handle);
    const { type, refusal } = await refusalOf(
      handle,
      staff,
      d.assign(TEST_MENTORS.a.id),
      'screen-then-reuse',
    );
    expect({ type, rule: refusal.rule }).toEqual({
      type: 'RuleRefused',
      rule: 'decision-id-reused',
    });
    expect(await effects(projectId, handle)).toEqual(before);
    // A refused decision changed nothing, so it is judged afresh under a new id.
    await decide(handle, staff, d.assign(TEST_MENTORS.a.id));
  });

  it('remembers decisions across continue-as-new and a worker restart', async () => {
    const { projectId, handle } = await newProject();
    const firstRunId = (await handle.describe()).runId;
    const screened = await decide(handle, staff, d.accept, 'early-screening');
    await decide(handle, staff, d.assign(TEST_MENTORS.a.id));
    await decide(handle, mentorA, d.acceptAssignment);
    for (let round = 1; round <= 3; round += 1) {
      await decide(handle, staff, await ctx.plans.sendableFor(handle, d.plan(round)));
      await decide(handle, mentorA, d.revise);
    }
    // The server suggested continue-as-new long before this point.
    await eventually(async () => expect((await handle.describe()).runId).not.toBe(firstRunId));
    const describeNow = await handle.describe();
    expect(describeNow.runId).not.toBe(firstRunId);
    expect(describeNow.status.name).toBe('RUNNING');

    const before = await effects(projectId, handle);
    expect(await decide(handle, staff, d.accept, 'early-screening')).toEqual(screened);
    expect(await effects(projectId, handle)).toEqual(before);
    const reuse = await refusalOf(handle, staff, d.withdraw, 'early-screening');
    expect(reuse.refusal.rule).toBe('decision-id-reused');

    await ctx.restartWorker();
    expect(await decide(handle, staff, d.accept, 'early-screening')).toEqual(screened);
    expect(await effects(projectId, handle)).toEqual(before);
    expect((await stateOf(handle)).state.plan.versions).toHaveLength(3);
    await recordHistoryFixture(handle, 'continued-as-new');
  });

  it('leaves an audit chain that verifies intact', async () => {
    expect(await verifyAuditChain(ctx.dataSource)).toEqual(
      expect.objectContaining({ intact: true }),
    );
  });
});
