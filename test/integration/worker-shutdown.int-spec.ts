import { Client, Connection } from '@temporalio/client';
import { Pool } from 'pg';
import {
  d,
  mentorA,
  sampleApplication,
  staff,
  uniqueSuffix,
  TEST_MENTORS,
} from '../support/fixtures';
import { decide, ProjectHandle, startProject, stateOf } from '../support/project-driver';
import { testConfig } from '../support/test-env';
import { ensureTestMentors } from '../support/test-mentors';
import { exitOf, startWorkerProcess, workerEnv } from '../support/worker-process';

describe('worker: SIGTERM drains, and projects continue after a restart', () => {
  const config = testConfig({ TEMPORAL_TASK_QUEUE: `shutdown-${uniqueSuffix()}` });
  const env = workerEnv(config);
  let connection: Connection;
  let client: Client;
  let db: Pool;
  beforeAll(async () => {
    connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
    client = new Client({ connection });
    db = new Pool({ connectionString: config.DATABASE_URL, max: 1 });
    await ensureTestMentors(db);
  });
  afterAll(async () => {
    await connection?.close();
    await db?.end();
  });

  it('exits 0 on SIGTERM while projects wait, and a new worker carries them on', async () => {
    const first = startWorkerProcess(env, 'worker-shutdown-worker');
    const projects: ProjectHandle[] = [];
    for (let i = 0; i < 3; i += 1) {
      const { handle } = await startProject(
        client,
        config.TEMPORAL_TASK_QUEUE,
        sampleApplication(uniqueSuffix()),
      );
      await decide(handle, staff, d.accept);
      await decide(handle, staff, d.assign(TEST_MENTORS.a.id));
      projects.push(handle);
    }
    const exited = exitOf(first.child);
    first.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(first.output()).not.toMatch(/IllegalStateError|Unhandled/);

    const second = startWorkerProcess(env, 'worker-shutdown-worker');
    try {
      for (const handle of projects) {
        expect((await decide(handle, mentorA, d.acceptAssignment)).stage).toBe('BUSINESS_PLAN');
        expect((await stateOf(handle)).state.matching.assignedMentorId).toBe(TEST_MENTORS.a.id);
      }
    } finally {
      const stopped = exitOf(second.child);
      second.child.kill('SIGTERM');
      expect(await stopped).toBe(0);
    }
  });
});
