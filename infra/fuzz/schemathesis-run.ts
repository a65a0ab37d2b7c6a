import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../dev/repo-root';
import type { FuzzPeople, FuzzRole } from './fuzz-people';
import { DECISION_MILESTONES, Milestone, projectsForDecision } from './fuzz-projects';
import { POSITIVE_DATA_RULES } from './positive-rules';

/** The checks every run applies (issue 15), nothing more and nothing less. */
export const FUZZ_CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_schema_conformance',
  'response_headers_conformance',
  'negative_data_rejection',
  'positive_data_acceptance',
  'ignored_auth',
  'unsupported_method',
] as const;

export interface FuzzSize {
  name: 'small' | 'full';
  maxExamples: number;
  phases: string;
  statefulSteps: number;
}

export const SIZES: Record<FuzzSize['name'], FuzzSize> = {
  small: { name: 'small', maxExamples: 4, phases: 'examples,fuzzing,stateful', statefulSteps: 8 },
  // About 12,000 requests over the four roles (at least 10,000 are required of it).
  full: {
    name: 'full',
    maxExamples: 25,
    phases: 'examples,coverage,fuzzing,stateful',
    statefulSteps: 20,
  },
};

export function schemathesisBinary(): string {
  return join(repoRoot(), '.data/schemathesis-venv/bin/st');
}

const toml = (value: unknown): string => JSON.stringify(value);

/**
 * schemathesis.toml for one run: the positive check's allowed answers (409/422 only where a
 * rule OpenAPI cannot express applies), and dictionaries that make generated ids and sign-ins
 * real now and then: the run's projects, its mentor, the spare account.
 */
function configFile(options: {
  projectIds: string[];
  projectsAt: Map<Milestone, string[]>;
  spareMentorIds: string[];
  mentorIds: string[];
  people: FuzzPeople;
  size: FuzzSize;
}): string {
  const lines: string[] = [
    'generation.database = "none"',
    // The API refuses U+0000 and lone surrogates in any text (rule storable-text, issue 13),
    // which a schema's string type cannot say; the fuzzer generates neither.
    'generation.allow-x00 = false',
    'generation.codec = "utf-8"',
    '',
    '[checks.positive_data_acceptance]',
    `expected-statuses = ${toml(['2xx', '401', '403', '404'])}`,
    '',
    '[phases.stateful]',
    `max-steps = ${options.size.statefulSteps}`,
    '',
  ];
  const hasProjects = options.projectIds.length > 0;
  if (hasProjects) lines.push('[dictionaries.projects]', `values = ${toml(options.projectIds)}`);
  lines.push('[dictionaries.mentors]', `values = ${toml(options.mentorIds)}`);
  // The mentor routes change a mentor of their own, not the one the run's projects need.
  lines.push('[dictionaries.spareMentors]', `values = ${toml(options.spareMentorIds)}`);
  for (const operationId of Object.keys(DECISION_MILESTONES)) {
    const ids = projectsForDecision(operationId, options.projectsAt);
    if (ids.length > 0) lines.push(`[dictionaries.${operationId}]`, `values = ${toml(ids)}`);
  }
  // Values the domain checks beyond the schema (a USCC's check character, shares summing to
  // 100 %, a commitment's amount, a past date), offered now and then so decisions get through.
  const values: Record<string, unknown[]> = {
    uscc: ['91350100M000100Y43'],
    universityBp: [4000],
    localGovernmentBp: [2000],
    enterpriseBp: [4000],
    outcome: ['term_sheet'],
    amountFen: [300000000],
    pastDate: ['2025-02-28'],
  };
  for (const [name, list] of Object.entries(values)) {
    lines.push(`[dictionaries.${name}]`, `values = ${toml(list)}`);
  }
  const account = options.people.signInAccount;
  if (account) {
    lines.push(`[dictionaries.usernames]`, `values = ${toml([account.username])}`);
    lines.push(`[dictionaries.passwords]`, `values = ${toml([account.password])}`);
  }
  lines.push('');
  // One block per operation (schemathesis takes the first block that matches one).
  const operationIds = new Set([
    ...Object.keys(POSITIVE_DATA_RULES),
    ...Object.keys(DECISION_MILESTONES),
  ]);
  for (const operationId of operationIds) {
    lines.push('[[operations]]', `include-operation-id = ${toml(operationId)}`);
    const milestones = DECISION_MILESTONES[operationId];
    if (milestones && hasProjects) {
      lines.push('[operations.parameters]');
      lines.push(`"path.projectId" = { dictionary = ${toml(operationId)}, probability = 0.95 }`);
      lines.push('"body.mentorId" = { dictionary = "mentors", probability = 0.9 }');
      const body = (field: string, dictionary: string): void => {
        lines.push(`"body.${field}" = { dictionary = ${toml(dictionary)}, probability = 0.9 }`);
      };
      if (/Company/.test(operationId)) {
        body('uscc', 'uscc');
        body('registrationDate', 'pastDate');
        for (const share of ['universityBp', 'localGovernmentBp', 'enterpriseBp']) {
          body(`ipShares.${share}`, share);
        }
      }
      if (/InvestorContact/.test(operationId)) {
        body('outcome', 'outcome');
        body('amountFen', 'amountFen');
        body('date', 'pastDate');
      }
      // Enough tries per decision that some valid ones meet a project in the right stage.
      lines.push('[operations.generation]', `max-examples = ${options.size.maxExamples * 3}`);
    }
    const rule = POSITIVE_DATA_RULES[operationId];
    if (rule) {
      lines.push('[operations.checks.positive_data_acceptance]');
      const allowed = ['2xx', '401', '403', '404', ...rule.statuses.map(String)];
      lines.push(`expected-statuses = ${toml(allowed)}`);
    }
    lines.push('');
  }
  lines.push('[[operations]]', `include-path-regex = ${toml('[{]projectId[}]')}`);
  lines.push('[operations.parameters]');
  if (hasProjects) lines.push('"path.projectId" = { dictionary = "projects", probability = 0.9 }');
  lines.push('');
  lines.push('[[operations]]', 'include-path-regex = "^/mentors/"');
  lines.push('[operations.parameters]');
  lines.push('"path.mentorId" = { dictionary = "spareMentors", probability = 0.9 }');
  lines.push('');
  if (account) {
    lines.push(
      '[[operations]]',
      `include-operation-id = ["sessionsSignIn", "browserSessionsSignIn"]`,
    );
    lines.push('[operations.parameters]');
    lines.push('"body.username" = { dictionary = "usernames", probability = 0.6 }');
    lines.push('"body.password" = { dictionary = "passwords", probability = 0.6 }');
    lines.push('');
  }
  return lines.join('\n');
}

export interface RoleResult {
  role: FuzzRole;
  exitCode: number;
  /** What schemathesis printed (failures come with their curl reproducer). */
  output: string;
  /** Where that output was written. */
  consolePath: string;
  requests: number;
  /** Operation id → [requests, 2xx answers]. */
  perOperation: Map<string, [number, number]>;
  /** The VCR cassette, when one was asked for. */
  cassettePath?: string;
}

interface HarEntry {
  request: { method: string; url: string };
  response: { status: number };
}

function operationMatcher(spec: {
  paths: Record<string, Record<string, { operationId?: string }>>;
}): (method: string, url: string) => string | undefined {
  const routes = Object.entries(spec.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({
      method: method.toUpperCase(),
      pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
      operationId: operation.operationId ?? `${method} ${path}`,
    })),
  );
  return (method, url) => {
    const path = new URL(url).pathname;
    return routes.find((route) => route.method === method && route.pattern.test(path))?.operationId;
  };
}

/** Runs `st run` for one role; its output goes to the terminal, its HAR report is counted. */
export async function runSchemathesis(options: {
  baseUrl: string;
  role: FuzzRole;
  people: FuzzPeople;
  projectIds: string[];
  projectsAt: Map<Milestone, string[]>;
  mentorIds: string[];
  spareMentorIds: string[];
  size: FuzzSize;
  workDir: string;
  /** Only these operations (e.g. the self-check's one route). */
  includeOperationIds?: string[];
  seed?: number;
  /** A JSON file of valid requests per operation id (valid-requests.ts), for the hooks. */
  validRequestsFile?: string;
  /** Also write a VCR cassette (every interaction with its time and checks), to be judged. */
  cassette?: boolean;
}): Promise<RoleResult> {
  const dir = join(options.workDir, options.role);
  mkdirSync(dir, { recursive: true });
  const configPath = join(dir, 'schemathesis.toml');
  writeFileSync(configPath, configFile(options));
  const harPath = join(dir, 'requests.har');
  const cassettePath = options.cassette ? join(dir, 'cassette.yaml') : undefined;
  const specPath = join(repoRoot(), 'apps/api/openapi.json');
  const args = [
    '--config-file',
    configPath,
    'run',
    specPath,
    '--url',
    options.baseUrl,
    '--checks',
    FUZZ_CHECKS.join(','),
    '--phases',
    options.size.phases,
    '--max-examples',
    String(options.size.maxExamples),
    '--workers',
    '2',
    '--report',
    cassettePath ? 'har,vcr' : 'har',
    '--report-har-path',
    harPath,
    ...(cassettePath ? ['--report-vcr-path', cassettePath] : []),
    '--no-color',
    '--continue-on-failure',
    '--suppress-health-check',
    'all',
    '--request-timeout',
    '30',
    ...(options.seed === undefined ? [] : ['--seed', String(options.seed)]),
    ...(options.includeOperationIds ?? []).flatMap((id) => ['--include-operation-id', id]),
  ];
  const account = options.people.signInAccount;
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    SCHEMATHESIS_HOOKS: 'schemathesis_hooks',
    PYTHONPATH: join(repoRoot(), 'infra/fuzz'),
    FUZZ_TOKEN: options.people.tokens[options.role],
    FUZZ_BASE_URL: options.baseUrl,
    ...(options.validRequestsFile ? { FUZZ_VALID_REQUESTS: options.validRequestsFile } : {}),
    ...(account
      ? { FUZZ_SIGN_IN_USERNAME: account.username, FUZZ_SIGN_IN_PASSWORD: account.password }
      : {}),
  };
  // schemathesis's console goes to a file, not to ours: its closing banner (e.g. "=== No issues
  // found in 21.35s ===") looks like pytest's last line, and CI, which reads a test runner's last
  // line for its counts, took the run for one that executed no test. A run that counts as failed
  // prints it (printSummary).
  const consolePath = join(dir, 'console.txt');
  process.stdout.write(
    `\n[fuzz] ${options.role}: st ${args.join(' ')}\n[fuzz] its output: ${consolePath}\n`,
  );
  let output = '';
  const exitCode = await new Promise<number>((resolve, reject) => {
    const child = spawn(schemathesisBinary(), args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
      });
    }
    child.once('error', reject);
    child.once('exit', (code) => resolve(code ?? 1));
  });
  writeFileSync(consolePath, output);
  const perOperation = new Map<string, [number, number]>();
  let requests = 0;
  if (existsSync(harPath)) {
    const spec = JSON.parse(readFileSync(specPath, 'utf8')) as Parameters<
      typeof operationMatcher
    >[0];
    const match = operationMatcher(spec);
    const har = JSON.parse(readFileSync(harPath, 'utf8')) as { log: { entries: HarEntry[] } };
    for (const entry of har.log.entries) {
      requests += 1;
      const operationId = match(entry.request.method, entry.request.url) ?? 'unmatched';
      const counts = perOperation.get(operationId) ?? [0, 0];
      counts[0] += 1;
      if (entry.response.status >= 200 && entry.response.status < 300) counts[1] += 1;
      perOperation.set(operationId, counts);
    }
  }
  return {
    role: options.role,
    exitCode,
    output,
    consolePath,
    requests,
    perOperation,
    cassettePath,
  };
}
