import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../dev/repo-root';
import { startFuzzStack } from './fuzz-stack';
import { call, createFuzzPeople, FUZZ_ROLES, FuzzPeople, FuzzRole } from './fuzz-people';
import { createFuzzProjects } from './fuzz-projects';
import { POSITIVE_DATA_RULES } from './positive-rules';
import { FUZZ_CHECKS, RoleResult, runSchemathesis, SIZES } from './schemathesis-run';
import { startWrongStatusProxy } from './wrong-status-proxy';

const USAGE = `usage: node dist/infra/fuzz/main.js [--size small|full] [--self-check]
       [--base-url URL --token staff=T --token mentor=T --token reviewer=T --token admin=T
        [--sign-in USER:PASSWORD]] [--roles staff,mentor] [--seed N]
Without --base-url the run starts its own Temporal, PostgreSQL, worker and API.
INCUBATION_FUZZ_SIZE=full is the same as --size full.`;

const log = (line: string): void => console.log(`[fuzz] ${line}`);

function parse() {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: process.env.INCUBATION_FUZZ_SIZE ?? 'small' },
      'base-url': { type: 'string' },
      token: { type: 'string', multiple: true, default: [] },
      'sign-in': { type: 'string' },
      roles: { type: 'string' },
      seed: { type: 'string' },
      'self-check': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !(values.size in SIZES)) {
    console.log(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  return values;
}

function printSummary(results: RoleResult[], operationIds: string[], strict: boolean): string[] {
  const problems: string[] = [];
  const missing: string[] = [];
  const total = new Map<string, [number, number]>();
  for (const result of results) {
    for (const [id, [n, ok]] of result.perOperation) {
      const sum = total.get(id) ?? [0, 0];
      total.set(id, [sum[0] + n, sum[1] + ok]);
    }
  }
  const header = ['operation', ...results.map((r) => `${r.role} 2xx/req`), 'all 2xx'];
  console.log(`\n${header.join('\t')}`);
  for (const id of operationIds) {
    const cells = results.map((r) => {
      const [n, ok] = r.perOperation.get(id) ?? [0, 0];
      return `${ok}/${n}`;
    });
    const ok = total.get(id)?.[1] ?? 0;
    console.log([id, ...cells, String(ok)].join('\t'));
    if (ok === 0) missing.push(id);
  }
  const unmatched = total.get('unmatched');
  if (unmatched) console.log(`(requests to no declared operation: ${unmatched[0]})`);
  for (const result of results) {
    console.log(`requests as ${result.role}: ${result.requests} (exit ${result.exitCode})`);
    if (result.exitCode !== 0) problems.push(`schemathesis as ${result.role} found failures`);
  }
  console.log(`requests in all: ${results.reduce((sum, r) => sum + r.requests, 0)}`);
  if (missing.length > 0) {
    const line = `no generated request got a 2xx: ${missing.join(', ')}`;
    // The small run in `npm test` is too short to reach every stage's decisions every time;
    // the full run must.
    if (strict) problems.push(line);
    else console.log(`[fuzz] warning (small run): ${line}`);
  }
  return problems;
}

/** Fails unless a route answering an undeclared status (a test build) fails the fuzz run. */
async function selfCheck(
  baseUrl: string,
  people: FuzzPeople,
  mentorId: string,
  workDir: string,
  seed: number | undefined,
): Promise<void> {
  const proxy = await startWrongStatusProxy(baseUrl);
  try {
    const result = await runSchemathesis({
      baseUrl: proxy.url,
      role: 'staff',
      people,
      projectIds: [],
      projectsAt: new Map(),
      mentorIds: [mentorId],
      spareMentorIds: [mentorId],
      size: SIZES.small,
      workDir,
      includeOperationIds: ['meMe'],
      seed,
    });
    const caught =
      result.exitCode !== 0 &&
      /ST103 Undocumented status code/.test(result.output) &&
      /curl -X GET/.test(result.output);
    if (!caught) {
      throw new Error(
        'self-check: GET /me answering an undeclared 418 was not reported with a curl reproducer',
      );
    }
    log('self-check passed: the undeclared 418 on GET /me failed that run, with its curl line');
  } finally {
    await proxy.stop();
  }
}

async function main(): Promise<void> {
  const values = parse();
  const size = SIZES[values.size as keyof typeof SIZES];
  const runDir = join(repoRoot(), '.data/fuzz', new Date().toISOString().replace(/[:.]/g, '-'));
  mkdirSync(runDir, { recursive: true });
  // Inside `npm test`, where the run's log scan reads them (infra/bin/check.sh).
  const testLogs = process.env.INCUBATION_TEST_LOG_DIR;
  const logDir = testLogs ? join(testLogs, 'fuzz') : join(runDir, 'logs');
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  let stopStack: () => Promise<void> = () => Promise.resolve();
  try {
    let baseUrl: string;
    let people: FuzzPeople;
    let mentorId: string;
    if (values['base-url']) {
      baseUrl = values['base-url'].replace(/\/$/, '');
      const tokens = Object.fromEntries(
        values.token.map((pair) => pair.split('=', 2) as [string, string]),
      ) as Record<FuzzRole, string>;
      for (const role of FUZZ_ROLES)
        if (!tokens[role]) throw new Error(`--token ${role}=... missing`);
      const [username, ...rest] = (values['sign-in'] ?? '').split(':');
      people = {
        tokens,
        signInAccount: values['sign-in'] ? { username, password: rest.join(':') } : undefined,
      };
      const me = await call<{ mentorId: string | null }>(baseUrl, 'GET', '/me', tokens.mentor);
      if (!me.mentorId) throw new Error('the mentor token belongs to no mentor');
      mentorId = me.mentorId;
    } else {
      log(`starting the run's own Temporal, PostgreSQL, worker and API (logs in ${logDir})`);
      const stack = await startFuzzStack(join(runDir, 'stack'), logDir);
      stopStack = () => stack.stop();
      baseUrl = stack.baseUrl;
      const made = await createFuzzPeople(baseUrl, stack.env);
      people = made;
      mentorId = made.mentorId;
    }
    log(`API at ${baseUrl}; checks: ${FUZZ_CHECKS.join(', ')}`);
    log(
      `409/422 allowed to positive_data_acceptance only for: ${Object.keys(POSITIVE_DATA_RULES).join(', ')}`,
    );

    // First the self-check (one route, a few seconds): a fuzz run that cannot fail proves nothing.
    await selfCheck(baseUrl, people, mentorId, join(runDir, 'self-check'), seed);
    if (values['self-check']) return;

    const projectsAt = await createFuzzProjects(
      baseUrl,
      people,
      mentorId,
      size.name === 'full' ? 4 : 1,
    );
    const projectIds = [...projectsAt.values()].flat();
    // A mentor record for the mentor routes to change (deactivate, edit) at will.
    const spareMentorId = (
      await call<{ mentorId: string }>(baseUrl, 'POST', '/mentors', people.tokens.staff, {
        name: 'Spare Fuzz Mentor',
        organisation: 'Fuzz Institute',
        capacity: 5,
      })
    ).mentorId;
    log(`${projectIds.length} projects made along the pipeline for the generated decisions`);
    const roles = (values.roles?.split(',') ?? FUZZ_ROLES) as FuzzRole[];
    const results: RoleResult[] = [];
    // The admin last: its generated user changes may touch the other roles' accounts.
    for (const role of roles) {
      results.push(
        await runSchemathesis({
          baseUrl,
          role,
          people,
          projectIds,
          projectsAt,
          mentorIds: [mentorId],
          spareMentorIds: [spareMentorId],
          size,
          workDir: runDir,
          seed,
        }),
      );
    }
    const spec = JSON.parse(readFileSync(join(repoRoot(), 'apps/api/openapi.json'), 'utf8')) as {
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    const operationIds = Object.values(spec.paths).flatMap((ops) =>
      Object.values(ops).map((op) => op.operationId),
    );
    const problems = printSummary(results, operationIds, size.name === 'full');
    if (size.name === 'full') {
      const total = results.reduce((sum, r) => sum + r.requests, 0);
      if (total < 10_000)
        problems.push(`the full run sent only ${total} requests (at least 10,000)`);
    }
    if (problems.length > 0) {
      console.error(`\n[fuzz] FAILED:\n  ${problems.join('\n  ')}`);
      process.exitCode = 1;
    } else {
      log('0 failures');
    }
  } finally {
    await stopStack();
  }
}

// Exits explicitly: the embedded PostgreSQL's exit hook would otherwise end the process with 0.
main()
  .catch((error: unknown) => {
    console.error(`[fuzz] ${(error as Error).stack ?? String(error)}`);
    process.exitCode = 1;
  })
  .finally(() => process.exit(process.exitCode ?? 0));
