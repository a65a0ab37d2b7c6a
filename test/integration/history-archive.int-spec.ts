import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { WorkflowNotFoundError } from '@temporalio/client';
import { archivedRunsOf } from '@app/persistence';
import { projectWorkflowId } from '@app/workflows/public-api';
import { ArchiveSweeper } from '../../apps/worker/src/archive/archive-sweeper.service';
import { freePort } from '../../infra/dev/free-port';
import { resolveTemporalBinary } from '../../infra/dev/temporal-binary';
import { RunningTemporal, startTemporalDevServer } from '../../infra/dev/temporal-dev-server';
import { bodyOf, submitProject } from '../support/api-projects';
import { eventually } from '../support/eventually';
import { d, uniqueSuffix } from '../support/fixtures';
import { createRoomyMentor, HttpAs, signedInUser } from '../support/http-client';
import { IntegrationContext, openIntegrationContext } from '../support/integration-context';
import { currentWorkflowBundleFile } from '../support/replay-bundles';
import { bootApi } from '../support/test-api';
import { uploadedPlan } from '../support/plan-uploads';

interface Timeline {
  runs: { runId: string; source: string; status: string }[];
  missingRunIds: string[];
  entries: Record<string, unknown>[];
}

/**
 * Its own Temporal dev server suggests continue-as-new after 40 events, so the project below
 * lives in several runs. Once closed, its runs are archived by the worker's sweeper and then
 * deleted from Temporal (as retention would): timeline, export, raw history and replay must
 * come whole from the archive.
 */
describe('archive: a closed project whose runs Temporal deleted keeps its whole history', () => {
  let temporal: RunningTemporal;
  let ctx: IntegrationContext;
  let app: NestFastifyApplication;
  let staff: HttpAs;
  let mentor: HttpAs;
  let reviewer: HttpAs;
  let projectId: string;
  let workflowId: string;
  let runIds: string[];
  let fromTemporal: Timeline;

  beforeAll(async () => {
    temporal = await startTemporalDevServer({
      binary: resolveTemporalBinary(),
      port: await freePort(),
      logFile: join(tmpdir(), `incubation-archive-${uniqueSuffix()}.log`),
      dynamicConfig: { 'limit.historyCount.suggestContinueAsNew': 40 },
    });
    ctx = await openIntegrationContext('archive', {
      TEMPORAL_ADDRESS: temporal.address,
      WORKFLOW_BUNDLE_PATH: await currentWorkflowBundleFile(),
    });
    app = await bootApi(ctx.config);
    const mentorId = await createRoomyMentor(ctx.db);
    [staff, mentor, reviewer] = await Promise.all([
      signedInUser(app, ctx.db, 'staff'),
      signedInUser(app, ctx.db, 'mentor', { mentorId }),
      signedInUser(app, ctx.db, 'reviewer'),
    ]);
    ({ projectId } = await submitProject(staff));
    workflowId = projectWorkflowId(projectId);
    const steps: [HttpAs, string, object][] = [
      [staff, 'screening', bodyOf(d.accept)],
      [staff, 'mentor-assignment', { mentorId }],
      [mentor, 'mentor-assignment/accept', {}],
    ];
    for (let round = 1; round <= 3; round += 1) {
      steps.push([staff, 'plan-versions', uploadedPlan(round)]);
      steps.push([mentor, 'plan-review/request-revision', { comment: `第${round}轮修改, "再改"` }]);
    }
    steps.push([staff, 'withdrawal', { reason: '=团队解散, 不再继续' }]);
    for (const [who, action, body] of steps) {
      const response = await who.decide(projectId, action, body);
      if (response.status !== 200) {
        throw new Error(`${action}: ${response.status} ${JSON.stringify(response.body)}`);
      }
    }
    await ctx.client.workflow.getHandle(workflowId).result();
  });
  afterAll(async () => {
    await app?.close();
    await ctx?.close();
    await temporal?.stop();
  });

  it('continued as new at least once and closed', async () => {
    await eventually(async () => {
      runIds = [];
      for await (const run of ctx.client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) {
        expect(run.status.name).not.toBe('RUNNING');
        runIds.push(run.runId);
      }
      expect(runIds.length).toBeGreaterThanOrEqual(2);
    });
    const timeline = await reviewer.get(`/projects/${projectId}/timeline`);
    expect(timeline.status).toBe(200);
    fromTemporal = timeline.body as Timeline;
    expect(fromTemporal.runs.map((run) => run.source)).toEqual(runIds.map(() => 'temporal'));
    expect(fromTemporal.entries.filter((entry) => entry.type === 'continuedAsNew').length).toBe(
      runIds.length - 1,
    );
  });

  it('archives every closed run, the continued-as-new ones included, once', async () => {
    const sweeper = ctx.worker.app.get(ArchiveSweeper);
    await eventually(async () => {
      await sweeper.sweepOnce({ workflowId });
      const archived = await archivedRunsOf(ctx.dataSource, workflowId);
      expect(archived.map((run) => run.runId).sort()).toEqual([...runIds].sort());
    }, 20_000);
    const archived = await archivedRunsOf(ctx.dataSource, workflowId);
    expect(archived.map((run) => run.status)).toEqual([
      ...archived.slice(1).map(() => 'CONTINUED_AS_NEW'),
      'COMPLETED',
    ]);
    expect(archived[0].continuedFromRunId).toBeNull();
    archived.slice(1).forEach((run, index) => {
      expect(run.continuedFromRunId).toBe(archived[index].runId);
    });
    expect(archived.every((run) => run.projectId === projectId && run.eventCount > 0)).toBe(true);
    // A second sweep finds nothing new.
    expect((await sweeper.sweepOnce({ workflowId })).archived).toEqual([]);
  });

  it('serves timeline, export, raw history and replay from the archive once Temporal deleted the runs', async () => {
    const deleteRun = (runId: string): void => {
      // A repeated request for a run deleted meanwhile fails with "not found": that is the goal.
      spawnSync(
        resolveTemporalBinary(),
        [
          'workflow',
          'delete',
          '--address',
          temporal.address,
          '--namespace',
          ctx.config.TEMPORAL_NAMESPACE,
          '--workflow-id',
          workflowId,
          '--run-id',
          runId,
        ],
        { stdio: 'ignore' },
      );
    };
    const remaining = async (): Promise<string[]> => {
      const left: string[] = [];
      for (const runId of runIds) {
        try {
          await ctx.client.workflow.getHandle(workflowId, runId).describe();
          left.push(runId);
        } catch (error) {
          if (!(error instanceof WorkflowNotFoundError)) throw error;
        }
      }
      return left;
    };
    runIds.forEach(deleteRun);
    // Deletion is asynchronous (and the dev server sometimes drops a request): wait until
    // describe says NotFound for every run, asking again for the ones still there.
    await eventually(async () => {
      const left = await remaining();
      left.forEach(deleteRun);
      expect(left).toEqual([]);
    }, 60_000);

    const timeline = await reviewer.get(`/projects/${projectId}/timeline`);
    expect(timeline.status).toBe(200);
    const fromArchive = timeline.body as Timeline;
    expect(fromArchive.runs.map((run) => run.source)).toEqual(runIds.map(() => 'archive'));
    expect(fromArchive.missingRunIds).toEqual([]);
    expect(fromArchive.entries).toEqual(fromTemporal.entries);
    const decisions = fromArchive.entries.filter((entry) => entry.kind === 'decision');
    expect(decisions.map((entry) => entry.type)).toEqual([
      'screenApplication',
      'assignMentor',
      'acceptAssignment',
      ...[1, 2, 3].flatMap(() => ['submitPlanVersion', 'requestRevision']),
      'withdraw',
    ]);
    expect(new Set(decisions.map((entry) => entry.runId)).size).toBeGreaterThanOrEqual(2);

    const csv = await reviewer.get(`/projects/${projectId}/timeline`, { format: 'csv' });
    expect(csv.status).toBe(200);
    expect(csv.text).toContain(`"'=团队解散, 不再继续"`);

    const first = fromArchive.entries[0].at as string;
    const last = fromArchive.entries.at(-1)!.at as string;
    const exported = await reviewer.get('/audit/export', {
      from: first,
      to: new Date(Date.parse(last) + 1).toISOString(),
    });
    expect(exported.status).toBe(200);
    expect(
      (exported.body.projects as { projectId: string; entries: unknown[] }[]).find(
        (project) => project.projectId === projectId,
      )?.entries,
    ).toHaveLength(fromArchive.entries.length);

    const history = await reviewer.get(`/projects/${projectId}/history`);
    expect(history.status).toBe(200);
    expect(
      (history.body.runs as { runId: string; source: string }[]).map((run) => run.source),
    ).toEqual(runIds.map(() => 'archive'));

    const replay = await reviewer.get(`/projects/${projectId}/replay-check`);
    expect(replay.status).toBe(200);
    expect(replay.body.consistent).toBe(true);
    expect(replay.body.runs).toHaveLength(runIds.length);
  }, 120_000);
});
