import type { TransitionRecord } from '@app/workflows/public-api';
import { decisionUpdateId } from '@app/workflows/public-api';
import { PATCHES } from '../../libs/workflows/src/matching-and-deadline.patches';
import { storable, StorableRecords } from '../../apps/worker/src/activities/storable-records';
import { eventually } from '../support/eventually';
import { d, sampleApplication, staff, TEST_MENTORS, uniqueSuffix } from '../support/fixtures';
import { recordHistoryFixture } from '../support/history-fixtures';
import {
  countOf,
  EventType,
  eventsOfUpdate,
  localActivityMarkers,
  patchesOf,
  scheduledActivities,
} from '../support/history-events';
import { IntegrationContext, openIntegrationContext } from '../support/integration-context';
import { decide, ProjectHandle, recordsOf, startProject } from '../support/project-driver';

/** A project whose submission and first due time are recorded, so only decisions follow. */
async function quietProject(ctx: IntegrationContext): Promise<{
  projectId: string;
  handle: ProjectHandle;
}> {
  const started = await startProject(
    ctx.client,
    ctx.config.TEMPORAL_TASK_QUEUE,
    sampleApplication(uniqueSuffix()),
  );
  await eventually(async () =>
    expect((await recordsOf(ctx.db, started.projectId)).audit.map((row) => row.event_type)).toEqual(
      ['applicationSubmitted', 'dueDateSet'],
    ),
  );
  return started;
}

/**
 * A decision's read model and audit entry are written by a local activity inside the Update's
 * own workflow task, so the answer needs no activity task and no further workflow task; it
 * still comes only after both are written. When the local attempts keep failing, the ordinary
 * activity takes over: it retries until the write lands and its attempts flag the project.
 */
describe('recording a decision inside its Update', () => {
  let ctx: IntegrationContext;

  beforeAll(async () => {
    ctx = await openIntegrationContext('decision-recording', {
      ACTIVITY_ATTENTION_AFTER_ATTEMPTS: '2',
    });
  });
  afterAll(() => ctx?.close());

  it('answers from the same workflow task, after the read model and the audit entry', async () => {
    const { projectId, handle } = await quietProject(ctx);
    const screeningId = `screen-${uniqueSuffix()}`;
    const result = await decide(handle, staff, d.accept, screeningId);
    expect(result.stage).toBe('MENTOR_MATCHING');
    // Read at once, no waiting: the answer came after the records.
    const records = await recordsOf(ctx.db, projectId);
    expect(records.row?.stage).toBe('MENTOR_MATCHING');
    expect(records.audit.filter((row) => row.decision_id === screeningId)).toHaveLength(1);

    const later = [d.assign(TEST_MENTORS.a.id), d.withdraw].map((decision) => ({
      decision,
      decisionId: `${decision.type}-${uniqueSuffix()}`,
    }));
    for (const { decision, decisionId } of later) {
      await decide(handle, staff, decision, decisionId);
    }
    await handle.result();

    const history = await handle.fetchHistory();
    expect(patchesOf(history)).toContain(PATCHES.recordDecisionsAsLocalActivity);
    const screening = eventsOfUpdate(history, decisionUpdateId(screeningId, staff, d.accept));
    // Accepted, recorded and answered within one workflow task.
    expect(countOf(screening, EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED)).toBe(0);
    expect(localActivityMarkers(screening)).toHaveLength(1);
    // No decision schedules its recording as an activity task (the main loop may schedule the
    // next stage's activities in the same task, and system events still use the activity).
    for (const { decision, decisionId } of [
      { decision: d.accept, decisionId: screeningId },
      ...later,
    ]) {
      const events = eventsOfUpdate(history, decisionUpdateId(decisionId, staff, decision));
      expect(scheduledActivities(events)).not.toContain('recordTransition');
      expect(localActivityMarkers(events)).toHaveLength(1);
    }

    const audit = (await recordsOf(ctx.db, projectId)).audit;
    expect(audit.filter((row) => row.decision_id).map((row) => row.event_type)).toEqual([
      'screenApplication',
      'assignMentor',
      'withdraw',
    ]);
    await recordHistoryFixture(handle, 'decisions-recorded-in-workflow-task');
  }, 60_000);

  it('falls back to the recording activity when the local attempts fail, flags and recovers', async () => {
    // Every decision's recording fails its 3 local attempts and 2 activity attempts, as while
    // PostgreSQL is down; then it lands.
    const attempts = new Map<string, number>();
    await ctx.restartWorker((builder) =>
      builder.overrideProvider(StorableRecords).useValue({
        storable: (record: TransitionRecord) => {
          if (record.audit.kind !== 'decision') return storable(record);
          const attempt = (attempts.get(record.audit.eventRef) ?? 0) + 1;
          attempts.set(record.audit.eventRef, attempt);
          if (attempt <= 5) throw new Error(`database unavailable (attempt ${attempt})`);
          return storable(record);
        },
      }),
    );
    try {
      const { projectId, handle } = await quietProject(ctx);
      const screeningId = `screen-${uniqueSuffix()}`;
      const result = await decide(handle, staff, d.accept, screeningId);
      expect(result.stage).toBe('MENTOR_MATCHING');
      const updateId = decisionUpdateId(screeningId, staff, d.accept);
      expect(attempts.get(updateId)).toBe(6);

      const records = await recordsOf(ctx.db, projectId);
      expect(records.row?.stage).toBe('MENTOR_MATCHING');
      const types = records.audit.map((row) => row.event_type);
      expect(types.filter((type) => type === 'screenApplication')).toHaveLength(1);
      // The activity's second attempt flagged it once; its success cleared the flag.
      expect(types.filter((type) => type === 'activityFailing')).toHaveLength(1);
      expect(types.filter((type) => type === 'activityRecovered')).toHaveLength(1);
      expect(records.row?.needs_attention).toBe(false);

      await decide(handle, staff, d.withdraw);
      await handle.result();
      const history = await handle.fetchHistory();
      const screening = eventsOfUpdate(history, updateId);
      expect(localActivityMarkers(screening)).toHaveLength(1);
      expect(scheduledActivities(screening).filter((name) => name === 'recordTransition')).toEqual([
        'recordTransition',
      ]);
      await recordHistoryFixture(handle, 'decision-recorded-by-activity-after-local-attempts');
    } finally {
      await ctx.restartWorker();
    }
  }, 90_000);
});
