import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import request from 'supertest';
import { Stage } from '@app/domain';
import { projectWorkflow, projectWorkflowId, stateQuery } from '@app/workflows/public-api';
import { freePort } from '../../infra/dev/free-port';
import { repoRoot } from '../../infra/dev/repo-root';
import { eventually } from '../support/eventually';
import { sampleApplication, startProjectOptions, uniqueSuffix } from '../support/fixtures';
import { bootApi } from '../support/test-api';
import { testConfig } from '../support/test-env';
import { RunningTestWorker, startTestWorker } from '../support/test-worker';

describe('foundation: the wiring through real servers', () => {
  const config = testConfig({ TEMPORAL_TASK_QUEUE: `foundation-${uniqueSuffix()}` });
  let worker: RunningTestWorker;
  let connection: Connection;
  let client: Client;
  let db: PgClient;

  beforeAll(async () => {
    worker = await startTestWorker(config);
    connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
    client = new Client({ connection });
    db = new PgClient({ connectionString: config.DATABASE_URL });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await worker?.stop();
    await connection?.close();
  });

  it('starts a project workflow in APPLICATION, answers its state query and records it', async () => {
    const application = sampleApplication(uniqueSuffix());
    const { projectId, options } = startProjectOptions(config.TEMPORAL_TASK_QUEUE, application);
    const handle = await client.workflow.start(projectWorkflow, options);
    expect(handle.workflowId).toBe(projectWorkflowId(projectId));

    const view = await handle.query(stateQuery);
    expect(view.state.stage).toBe(Stage.APPLICATION);
    expect(view.state.application.title).toBe(application.title);

    await eventually(async () => {
      const rows = await db.query('SELECT stage, college FROM projects WHERE id = $1', [projectId]);
      expect(rows.rows).toEqual([{ stage: 'APPLICATION', college: application.college }]);
      const audit = await db.query(
        'SELECT event_type FROM audit_events WHERE project_id = $1 ORDER BY audit_events.seq',
        [projectId],
      );
      // The submission, then the screening's due time from the working-day calendar.
      expect(audit.rows).toEqual([
        { event_type: 'applicationSubmitted' },
        { event_type: 'dueDateSet' },
      ]);
    });
  });

  it('answers /health and /health/ready with PostgreSQL and Temporal up', async () => {
    const app = await bootApi(config);
    try {
      await request(app.getHttpServer()).get('/health').expect(200, { status: 'ok' });
      const ready = await request(app.getHttpServer()).get('/health/ready').expect(200);
      expect(ready.body.checks).toEqual({ postgres: { status: 'up' }, temporal: { status: 'up' } });
    } finally {
      await app.close();
    }
  });

  it('boots with Temporal unreachable and answers 503 naming Temporal within 2 s', async () => {
    const deadPort = await freePort();
    const app = await bootApi(testConfig({ TEMPORAL_ADDRESS: `127.0.0.1:${deadPort}` }));
    try {
      const started = Date.now();
      const ready = await request(app.getHttpServer()).get('/health/ready').expect(503);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(ready.body.message).toBe('not ready: Temporal down');
      expect(ready.body.checks.postgres).toEqual({ status: 'up' });
      expect(ready.body.checks.temporal.status).toBe('down');
    } finally {
      await app.close();
    }
  });

  it('gives the application role no UPDATE, DELETE or TRUNCATE on the audit log', async () => {
    for (const statement of [
      "UPDATE audit_events SET event_type = 'forged'",
      'DELETE FROM audit_events',
      'TRUNCATE audit_events',
    ]) {
      await expect(db.query(statement)).rejects.toThrow(/permission denied for table audit_events/);
    }
  });

  it.each([
    ['PORT', 'abc'],
    ['TEMPORAL_ADDRESS', 'nowhere'],
  ])('refuses to start the API with %s=%s, naming the key', (key, value) => {
    const entry = join(repoRoot(), 'dist/apps/api/src/main.js');
    expect(existsSync(entry)).toBe(true); // `npm run build` runs before the tests
    const result = spawnSync(process.execPath, [entry], {
      env: { ...process.env, [key]: value },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${key}=`);
  });
});
