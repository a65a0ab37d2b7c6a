import { verifyAuditChain } from '@app/persistence';
import { eventually } from '../support/eventually';
import { d, sampleApplication, uniqueSuffix } from '../support/fixtures';
import { recordHistoryFixture } from '../support/history-fixtures';
import { IntegrationContext, openIntegrationContext } from '../support/integration-context';
import { HAPPY_PATH } from '../support/pipeline-steps';
import { decide, recordsOf, startProject, stateOf } from '../support/project-driver';

describe('project workflow: the happy path from application to INCUBATED', () => {
  let ctx: IntegrationContext;
  beforeAll(async () => {
    ctx = await openIntegrationContext('happy-path');
  });
  afterAll(() => ctx?.close());

  it('checks the state query, the read model and the audit chain after every step', async () => {
    const { projectId, handle } = await startProject(
      ctx.client,
      ctx.config.TEMPORAL_TASK_QUEUE,
      sampleApplication(uniqueSuffix()),
    );
    let version = (await stateOf(handle)).state.version;
    const decisionIds: string[] = [];
    await eventually(async () =>
      expect((await recordsOf(ctx.db, projectId)).audit.length).toBeGreaterThan(0),
    );

    for (const { actor, decision: step, stage } of HAPPY_PATH) {
      const decision = await ctx.plans.sendableFor(handle, step);
      const decisionId = `${decision.type}-${uniqueSuffix()}`;
      const result = await decide(handle, actor, decision, decisionId);
      decisionIds.push(decisionId);
      expect(result).toEqual(
        expect.objectContaining({ decisionId, type: decision.type, accepted: true, stage }),
      );
      // System events (due dates set by the calendar) also bump the version in between.
      expect(result.version).toBeGreaterThan(version);
      version = result.version;

      const view = await stateOf(handle);
      expect(view.state.stage).toBe(stage);
      expect(view.state.version).toBeGreaterThanOrEqual(version);
      expect(view.state.lastDecisions.at(-1)).toEqual(
        expect.objectContaining({ decisionId, type: decision.type, actor }),
      );

      // The answer comes after the records: no waiting needed to read one's own write.
      const records = await recordsOf(ctx.db, projectId);
      expect(records.row?.stage).toBe(stage);
      expect(records.row?.version).toBeGreaterThanOrEqual(version);
      const decisionRows = records.audit.filter((row) => row.decision_id !== null);
      expect(decisionRows.map((row) => row.decision_id)).toEqual(decisionIds);
      expect(decisionRows.at(-1)).toEqual(
        expect.objectContaining({ event_type: decision.type, decision_id: decisionId, actor }),
      );
    }

    const final = await handle.result();
    await recordHistoryFixture(handle, 'happy-path');
    // The same path with every decision recorded inside its Update (the happy-path fixture
    // predates that and replays the activity path).
    await recordHistoryFixture(handle, 'happy-path-decisions-recorded-in-workflow-task');
    expect(final.state.stage).toBe('INCUBATED');
    expect(final.state.status).toBe('CLOSED');
    expect(final.state.company?.uscc).toBe(d.company().uscc);
    expect(final.state.plan.versions).toHaveLength(2);
    const records = await recordsOf(ctx.db, projectId);
    expect(records.row).toEqual(expect.objectContaining({ stage: 'INCUBATED', status: 'CLOSED' }));
  });

  it('leaves an audit chain that verifies intact', async () => {
    const verification = await verifyAuditChain(ctx.dataSource);
    expect(verification).toEqual(expect.objectContaining({ intact: true }));
    expect(verification.rows).toBeGreaterThanOrEqual(HAPPY_PATH.length + 1);
  });
});
