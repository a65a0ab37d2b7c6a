import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
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
import {
  createScratchDatabase,
  dropScratchDatabase,
  ScratchDatabase,
} from '../support/scratch-database';
import { uploadedPlan } from '../support/plan-uploads';
import { bootApi } from '../support/test-api';
import { repoRoot } from '../../infra/dev/repo-root';

const CLI = join(repoRoot(), 'dist/apps/api/src/cli/replay-history.js');

/**
 * `npm run replay -- --all`, the check an upgrade runs before deploying workflow code: every
 * archived run and every run Temporal holds. Its own Temporal (continue-as-new after 40 events,
 * so one project has several runs) and its own database, so the counts are exactly this
 * suite's projects: a closed one whose runs are all archived, and a running one.
 */
describe('npm run replay -- --all', () => {
  let temporal: RunningTemporal;
  let database: ScratchDatabase;
  let ctx: IntegrationContext;
  let app: NestFastifyApplication;
  let bundleFile: string;
  let archivedRuns: number;

  const replayAll = (...args: string[]) =>
    spawnSync(process.execPath, [CLI, '--all', '--lanes', '2', ...args], {
      cwd: repoRoot(),
      env: {
        ...process.env,
        DATABASE_URL: ctx.config.DATABASE_URL,
        TEMPORAL_ADDRESS: temporal.address,
        TEMPORAL_NAMESPACE: ctx.config.TEMPORAL_NAMESPACE,
        WORKFLOW_BUNDLE_PATH: bundleFile,
      },
      encoding: 'utf8',
      timeout: 180_000,
    });

  beforeAll(async () => {
    temporal = await startTemporalDevServer({
      binary: resolveTemporalBinary(),
      port: await freePort(),
      logFile: join(tmpdir(), `incubation-replay-all-${uniqueSuffix()}.log`),
      dynamicConfig: { 'limit.historyCount.suggestContinueAsNew': 40 },
    });
    database = await createScratchDatabase(`replay_all_${uniqueSuffix().replace(/\W/g, '_')}`);
    bundleFile = await currentWorkflowBundleFile();
    ctx = await openIntegrationContext('replay-all', {
      TEMPORAL_ADDRESS: temporal.address,
      DATABASE_URL: database.appUrl,
      DATABASE_OWNER_URL: database.ownerUrl,
      WORKFLOW_BUNDLE_PATH: bundleFile,
    });
    app = await bootApi(ctx.config);
    const mentorId = await createRoomyMentor(ctx.db);
    const [staff, mentor] = await Promise.all([
      signedInUser(app, ctx.db, 'staff'),
      signedInUser(app, ctx.db, 'mentor', { mentorId }),
    ]);
    // A project through three revision rounds, then withdrawn: several runs, all closed.
    const closed = (await submitProject(staff)).projectId;
    const steps: [HttpAs, string, object][] = [
      [staff, 'screening', bodyOf(d.accept)],
      [staff, 'mentor-assignment', { mentorId }],
      [mentor, 'mentor-assignment/accept', {}],
    ];
    for (let round = 1; round <= 3; round += 1) {
      steps.push([staff, 'plan-versions', uploadedPlan(round)]);
      steps.push([mentor, 'plan-review/request-revision', { comment: `round ${round}` }]);
    }
    steps.push([staff, 'withdrawal', { reason: 'the team split up' }]);
    for (const [who, action, body] of steps) {
      const response = await who.decide(closed, action, body);
      if (response.status !== 200) {
        throw new Error(`${action}: ${response.status} ${JSON.stringify(response.body)}`);
      }
    }
    const workflowId = projectWorkflowId(closed);
    await ctx.client.workflow.getHandle(workflowId).result();
    const sweeper = ctx.worker.app.get(ArchiveSweeper);
    await eventually(async () => {
      await sweeper.sweepOnce({ workflowId });
      const runs = await archivedRunsOf(ctx.dataSource, workflowId);
      expect(runs.at(-1)?.status).toBe('COMPLETED');
    }, 20_000);
    archivedRuns = (await archivedRunsOf(ctx.dataSource, workflowId)).length;
    // A project still running (screened, waiting for a mentor).
    const running = (await submitProject(staff)).projectId;
    const screened = await staff.decide(running, 'screening', bodyOf(d.accept));
    if (screened.status !== 200) throw new Error(`screening: ${screened.status}`);
  }, 240_000);

  afterAll(async () => {
    await app?.close();
    await ctx?.close();
    await temporal?.stop();
    if (database) await dropScratchDatabase(database);
  });

  it('finds every archived and running run consistent with the built bundle, and counts them', () => {
    expect(existsSync(CLI)).toBe(true); // `npm run build` runs before the tests
    expect(archivedRuns).toBeGreaterThan(1);
    const result = replayAll();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const checked = archivedRuns + 1;
    expect(result.stdout).toContain(`checked ${checked} runs of 2 projects in `);
    expect(result.stdout).toContain(
      `${checked} consistent, 0 diverging (archive: ${archivedRuns} consistent, 0 diverging; ` +
        'temporal: 1 consistent, 0 diverging)',
    );
    expect(result.stdout.trim().split('\n').at(-1)).toBe('consistent');
  }, 200_000);

  it('reports every one of them diverging from the altered workflow', () => {
    const result = replayAll('--workflows', 'test/replay/altered-workflow/index.ts');
    expect(result.status).toBe(1);
    const checked = archivedRuns + 1;
    expect(result.stdout).toContain(
      `0 consistent, ${checked} diverging (archive: 0 consistent, ${archivedRuns} diverging; ` +
        'temporal: 0 consistent, 1 diverging)',
    );
    const lines = result.stdout.split('\n').filter((line) => line.includes(': diverges: '));
    expect(lines).toHaveLength(checked);
    expect(lines.every((line) => line.includes('DeterminismViolationError'))).toBe(true);
    expect(result.stdout.trim().split('\n').at(-1)).toBe('diverges from the workflow code');
  }, 200_000);
});
