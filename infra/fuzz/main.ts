import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../dev/repo-root';
import { startFuzzStack } from './fuzz-stack';
import { call, createFuzzPeople, FUZZ_ROLES, FuzzPeople, FuzzRole } from './fuzz-people';
import { byMilestone, createFuzzProjects } from './fuzz-projects';
import { POSITIVE_DATA_RULES } from './positive-rules';
import { FUZZ_CHECKS, RoleResult, runSchemathesis, SIZES } from './schemathesis-run';
import { validRequests } from './valid-requests';
import { startWrongStatusProxy } from './wrong-status-proxy';

const USAGE = `usage: node dist/infra/fuzz/main.js [--size small|full] [--self-check]
       [--base-url URL --token staff=T --token mentor=T --token reviewer=T --token admin=T
        [--sign-in USER:PASSWORD]] [--roles staff,mentor] [--seed N]
Without --base-url the run starts its own Temporal, PostgreSQL, worker and API.
INCUBATION_FUZZ_SIZE=full is the same as --size full.`;

const log = (line: string): void => console.log(`[fuzz] ${line}`);
const started = Date.now();
/** Seconds since the run began, for the step's time profile. */
const elapsed = (): string => `${((Date.now() - started) / 1000).toFixed(1)} s`;

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
      log(`stack ready (at ${elapsed()})`);
      const made = await createFuzzPeople(baseUrl, stack.env);
      people = made;
      mentorId = made.mentorId;
    }
    log(`API at ${baseUrl}; checks: ${FUZZ_CHECKS.join(', ')}`);
    log(
      `409/422 allowed to positive_data_acceptance only for: ${Object.keys(POSITIVE_DATA_RULES).join(', ')}`,
    );

    const mentorRecord = (name: string, capacity: number) =>
      call<{ mentorId: string }>(baseUrl, 'POST', '/mentors', people.tokens.staff, {
        name,
        organisation: 'Fuzz Institute',
        capacity,
      }).then((made) => made.mentorId);
    // The self-check (one route, a few seconds) runs while the projects are made: a fuzz run
    // that cannot fail proves nothing.
    const [, projects, spareMentorId, replacementMentorId] = await Promise.all([
      selfCheck(baseUrl, people, mentorId, join(runDir, 'self-check'), seed),
      values['self-check']
        ? Promise.resolve([])
        : createFuzzProjects(baseUrl, people, mentorId, size.name === 'full' ? 4 : 1),
      // A mentor record for the mentor routes to change (deactivate, edit) at will.
      mentorRecord('Spare Fuzz Mentor', 5),
      // The mentor a replaceMentor decision names: active, with room, never edited by the run.
      mentorRecord('Replacement Fuzz Mentor', 1000),
    ]);
    if (values['self-check']) return;
    const projectsAt = byMilestone(projects);
    const projectIds = projects.map((project) => project.projectId);
    const validRequestsFile = join(runDir, 'valid-requests.json');
    writeFileSync(
      validRequestsFile,
      JSON.stringify(validRequests(projects, { mentorId, replacementMentorId }), null, 1),
    );
    log(`${projectIds.length} projects made along the pipeline (at ${elapsed()})`);
    const roles = (values.roles?.split(',') ?? FUZZ_ROLES) as FuzzRole[];
    const runAs = async (role: FuzzRole, buffered: boolean): Promise<RoleResult> => {
      const result = await runSchemathesis({
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
        validRequestsFile,
        buffered,
      });
      log(`${role} done (at ${elapsed()})`);
      return result;
    };
    // The roles side by side: each waits on the API most of the time, the decisions' projects
    // are shared out per operation, sign-outs use sessions of their own, and the admin's
    // generated user ids name nobody (no dictionary gives them real ones).
    const results = await Promise.all(roles.map((role) => runAs(role, roles.length > 1)));
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
