import { Client, Connection } from '@temporalio/client';
import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@app/persistence';
import { temporalConnectionOptions } from '@app/temporal-connection';
import { sampleApplication, uniqueSuffix } from '../support/fixtures';
import { HAPPY_PATH } from '../support/pipeline-steps';
import { decide, ProjectHandle, recordsOf, startProject } from '../support/project-driver';
import { testConfig } from '../support/test-env';
import { ensureTestMentors } from '../support/test-mentors';
import { exitOf, startWorkerProcess, WorkerProcess, workerEnv } from '../support/worker-process';
import { PlanUploads } from '../support/workflow-plan-uploads';

const PROJECTS = 6;
/** The step after which one worker is killed: projects are mid-path, activities in flight. */
const KILL_AFTER_STEP = 3;

describe('two workers: one is killed with kill -9 mid-run and every project finishes on the other', () => {
  const config = testConfig({ TEMPORAL_TASK_QUEUE: `two-workers-${uniqueSuffix()}` });
  const env = workerEnv(config);
  let connection: Connection;
  let client: Client;
  let db: Pool;
  let dataSource: DataSource;
  let plans: PlanUploads;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    connection = await Connection.connect(temporalConnectionOptions(config));
    client = new Client({ connection });
    db = new Pool({ connectionString: config.DATABASE_URL, max: 2 });
    await ensureTestMentors(db);
    dataSource = createDataSource({ url: config.DATABASE_URL, poolSize: 2 });
    await dataSource.initialize();
    plans = new PlanUploads(dataSource, config);
  });
  afterAll(async () => {
    for (const worker of workers) {
      const exited = exitOf(worker.child);
      worker.child.kill('SIGTERM');
      await exited;
    }
    await connection?.close();
    await db?.end();
    await dataSource?.destroy();
  });

  it('loses no decision, record or project', async () => {
    workers.push(
      startWorkerProcess(env, 'two-workers-worker'),
      startWorkerProcess(env, 'two-workers-worker'),
    );
    const [doomed, survivor] = workers;
    const projects: { projectId: string; handle: ProjectHandle }[] = [];
    for (let i = 0; i < PROJECTS; i += 1) {
      projects.push(
        await startProject(client, config.TEMPORAL_TASK_QUEUE, sampleApplication(uniqueSuffix())),
      );
    }
    let killed = false;
    const kill = async (): Promise<void> => {
      if (killed) return;
      killed = true;
      const exited = exitOf(doomed.child);
      doomed.child.kill('SIGKILL');
      await exited;
    };
    // Every project walks the whole path at once; the first to pass KILL_AFTER_STEP kills a
    // worker while the others are in the middle of their own steps.
    await Promise.all(
      projects.map(async ({ handle }) => {
        for (const [index, step] of HAPPY_PATH.entries()) {
          const decision = await plans.sendableFor(handle, step.decision);
          const result = await decide(handle, step.actor, decision);
          expect({ step: step.what, stage: result.stage }).toEqual({
            step: step.what,
            stage: step.stage,
          });
          if (index === KILL_AFTER_STEP) await kill();
        }
      }),
    );
    expect(doomed.child.signalCode).toBe('SIGKILL');
    expect(survivor.child.exitCode).toBeNull();

    for (const { projectId, handle } of projects) {
      // The run ends once its last records land (on the surviving worker).
      await handle.result();
      const records = await recordsOf(db, projectId);
      expect(records.row?.stage).toBe('INCUBATED');
      const decisions = records.audit.filter((row) => row.decision_id !== null);
      // One audit row per decision: none lost, none recorded twice by the retried activity.
      expect(decisions).toHaveLength(HAPPY_PATH.length);
      expect(new Set(decisions.map((row) => row.decision_id)).size).toBe(HAPPY_PATH.length);
    }
  }, 240_000);
});
