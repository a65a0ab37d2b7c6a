import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { Pool } from 'pg';
import { repoRoot } from '../../infra/dev/repo-root';
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
import { keepChildLog } from '../support/test-logs';

/** The built worker as production runs it: its own process, its own signal handling. */
function startWorkerProcess(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
} {
  const entry = join(repoRoot(), 'dist/apps/worker/src/main.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
  const child = spawn(process.execPath, [entry], {
    cwd: repoRoot(),
    // The dispatcher would try other suites' emails on the default SMTP port: keep it idle.
    env: {
      ...process.env,
      ...env,
      LOG_LEVEL: 'warn',
      NOTIFICATION_DISPATCH_INTERVAL_MS: '3600000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  keepChildLog(child, 'worker-shutdown-worker');
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('worker: SIGTERM drains, and projects continue after a restart', () => {
  const config = testConfig({ TEMPORAL_TASK_QUEUE: `shutdown-${uniqueSuffix()}` });
  const env = {
    TEMPORAL_ADDRESS: config.TEMPORAL_ADDRESS,
    TEMPORAL_TASK_QUEUE: config.TEMPORAL_TASK_QUEUE,
    DATABASE_URL: config.DATABASE_URL,
    DATABASE_OWNER_URL: config.DATABASE_OWNER_URL,
  };
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
    const first = startWorkerProcess(env);
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

    const second = startWorkerProcess(env);
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
