import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../dev/repo-root';
import { FUZZ_ROLES, FuzzPeople, FuzzRole, SetUpClient, SetUpPatience } from './fuzz-people';
import { byMilestone, createFuzzProjects } from './fuzz-projects';
import { POSITIVE_DATA_RULES } from './positive-rules';
import { FUZZ_CHECKS, FuzzSize, RoleResult, runSchemathesis, SIZES } from './schemathesis-run';
import { validRequests } from './valid-requests';
import { startWrongStatusProxy } from './wrong-status-proxy';

const log = (line: string): void => console.log(`[fuzz] ${line}`);
const started = Date.now();
/** Seconds since the run began, for the step's time profile. */
export const elapsed = (): string => `${((Date.now() - started) / 1000).toFixed(1)} s`;

export interface FuzzRunOptions {
  /** The API under test, e.g. http://127.0.0.1:3000 (no trailing slash). */
  baseUrl: string;
  /** A bearer token per role, and optionally an account the sign-in/out routes may use. */
  people: FuzzPeople;
  /** The mentor record of the mentor token's user (it is assigned to the run's projects). */
  mentorId: string;
  size: FuzzSize;
  /** Where configs, HAR reports and the valid requests go. */
  runDir: string;
  roles?: FuzzRole[];
  seed?: number;
  /** Only prove that a wrong status fails a run, and stop. */
  selfCheckOnly?: boolean;
  /** Projects made at each point of the pipeline (default: 1 small, 4 full). */
  perMilestone?: number;
  /** How long the set-up calls (people, projects, mentors) retry a 503 (default: never). */
  setUpPatience?: SetUpPatience;
  /**
   * Called as the fuzzing starts (the projects are made), e.g. to inject faults meanwhile; the
   * signal aborts once the last role is done. The run waits for it before the summary.
   */
  onFuzzing?: (fuzzingOver: AbortSignal) => Promise<void>;
  /**
   * Judges each role's interactions (its VCR cassette, then written) instead of counting
   * schemathesis's exit code: a suite that injects faults tells failures inside its fault
   * windows from those outside. Answers the problems found. With it, an operation that got
   * no 2xx is reported (operationsWithout2xx), not a failure: requests inside the windows
   * cannot get one.
   */
  judgeInteractions?: (results: RoleResult[]) => string[] | Promise<string[]>;
}

export interface FuzzRunResult {
  results: RoleResult[];
  /** Why the run failed (empty when it passed). */
  problems: string[];
  /** Requests sent by all roles together. */
  requests: number;
  /** Operations no generated request got a 2xx for. */
  operationsWithout2xx: string[];
}

export function printSummary(
  results: RoleResult[],
  operationIds: string[],
  strict: boolean,
  /** The interactions are judged elsewhere (runFuzz's judgeInteractions): no exit code counts. */
  judgedElsewhere = false,
): { problems: string[]; missing: string[] } {
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
    if (result.exitCode !== 0 && !judgedElsewhere) {
      problems.push(`schemathesis as ${result.role} found failures`);
      console.log(`\n[fuzz] what schemathesis printed as ${result.role}:\n${result.output}`);
    }
  }
  console.log(`requests in all: ${results.reduce((sum, r) => sum + r.requests, 0)}`);
  if (missing.length > 0) {
    const line = `no generated request got a 2xx: ${missing.join(', ')}`;
    // The small run in `npm test` is too short to reach every stage's decisions every time;
    // the full run must (unless faults took a share of its requests).
    if (strict) problems.push(line);
    else console.log(`[fuzz] warning (${judgedElsewhere ? 'faulted' : 'small'} run): ${line}`);
  }
  return { problems, missing };
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

/**
 * The whole fuzz run against an API that is up: the self-check, projects at every stage (made
 * through the API with the staff and mentor tokens), then schemathesis per role side by side,
 * and the summary with each operation's 2xx count. Reused by other suites (e.g. under faults).
 */
export async function runFuzz(options: FuzzRunOptions): Promise<FuzzRunResult> {
  const { baseUrl, people, mentorId, size, runDir, seed } = options;
  const api = new SetUpClient(baseUrl, options.setUpPatience);
  const judged = options.judgeInteractions !== undefined;
  mkdirSync(runDir, { recursive: true });
  log(`API at ${baseUrl}; checks: ${FUZZ_CHECKS.join(', ')}`);
  log(
    `409/422 allowed to positive_data_acceptance only for: ${Object.keys(POSITIVE_DATA_RULES).join(', ')}`,
  );

  const mentorRecord = (name: string, capacity: number) =>
    api
      .json<{ mentorId: string }>('POST', '/mentors', {
        token: people.tokens.staff,
        body: { name, organisation: 'Fuzz Institute', capacity },
      })
      .then((made) => made.mentorId);
  // The self-check (one route, a few seconds) runs while the projects are made: a fuzz run
  // that cannot fail proves nothing.
  const [, projects, spareMentorId, replacementMentorId] = await Promise.all([
    selfCheck(baseUrl, people, mentorId, join(runDir, 'self-check'), seed),
    options.selfCheckOnly
      ? Promise.resolve([])
      : createFuzzProjects(
          api,
          people,
          mentorId,
          options.perMilestone ?? (size.name === 'full' ? 4 : 1),
        ),
    // A mentor record for the mentor routes to change (deactivate, edit) at will.
    mentorRecord('Spare Fuzz Mentor', 5),
    // The mentor a replaceMentor decision names: active, with room, never edited by the run.
    mentorRecord('Replacement Fuzz Mentor', 1000),
  ]);
  if (options.selfCheckOnly) {
    return { results: [], problems: [], requests: 0, operationsWithout2xx: [] };
  }
  const projectsAt = byMilestone(projects);
  const projectIds = projects.map((project) => project.projectId);
  const validRequestsFile = join(runDir, 'valid-requests.json');
  writeFileSync(
    validRequestsFile,
    JSON.stringify(validRequests(projects, { mentorId, replacementMentorId }), null, 1),
  );
  log(`${projectIds.length} projects made along the pipeline (at ${elapsed()})`);
  const roles = options.roles ?? [...FUZZ_ROLES];
  const runAs = async (role: FuzzRole): Promise<RoleResult> => {
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
      cassette: judged,
    });
    log(`${role} done (at ${elapsed()})`);
    return result;
  };
  // The roles side by side (each waits on the API most of the time; the decisions' projects
  // are shared out per operation), the admin last: its stateful phase changes the users it
  // lists (the full run's admin took the mentor's sessions away while the mentor was fuzzing).
  const others = roles.filter((role) => role !== 'admin');
  const fuzzing = async (): Promise<RoleResult[]> => {
    const side = await Promise.all(others.map((role) => runAs(role)));
    return roles.includes('admin') ? [...side, await runAs('admin')] : side;
  };
  const over = new AbortController();
  const [fuzzed, alongside] = await Promise.allSettled([
    fuzzing().finally(() => over.abort()),
    options.onFuzzing?.(over.signal),
  ]);
  // Both settle first: a fault that failed must not leave schemathesis running, nor hide
  // what it found.
  if (fuzzed.status === 'rejected') throw fuzzed.reason;
  if (alongside.status === 'rejected') throw alongside.reason;
  const results = fuzzed.value;
  const spec = JSON.parse(readFileSync(join(repoRoot(), 'apps/api/openapi.json'), 'utf8')) as {
    paths: Record<string, Record<string, { operationId: string }>>;
  };
  const operationIds = Object.values(spec.paths).flatMap((ops) =>
    Object.values(ops).map((op) => op.operationId),
  );
  const { problems, missing } = printSummary(
    results,
    operationIds,
    size.name === 'full' && !judged,
    judged,
  );
  if (options.judgeInteractions) problems.push(...(await options.judgeInteractions(results)));
  const total = results.reduce((sum, r) => sum + r.requests, 0);
  if (size.name === 'full' && total < 10_000) {
    problems.push(`the full run sent only ${total} requests (at least 10,000)`);
  }
  return { results, problems, requests: total, operationsWithout2xx: missing };
}
