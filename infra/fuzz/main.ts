import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../dev/repo-root';
import { createFuzzPeople, FUZZ_ROLES, FuzzPeople, FuzzRole, SetUpClient } from './fuzz-people';
import { elapsed, runFuzz } from './fuzz-run';
import { startFuzzStack } from './fuzz-stack';
import { SIZES } from './schemathesis-run';

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

async function main(): Promise<void> {
  const values = parse();
  const size = SIZES[values.size as keyof typeof SIZES];
  const runDir = join(repoRoot(), '.data/fuzz', new Date().toISOString().replace(/[:.]/g, '-'));
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
      const me = await new SetUpClient(baseUrl).json<{ mentorId: string | null }>('GET', '/me', {
        token: tokens.mentor,
      });
      if (!me.mentorId) throw new Error('the mentor token belongs to no mentor');
      mentorId = me.mentorId;
    } else {
      log(`starting the run's own Temporal, PostgreSQL, worker and API (logs in ${logDir})`);
      const stack = await startFuzzStack(join(runDir, 'stack'), logDir);
      stopStack = () => stack.stop();
      baseUrl = stack.baseUrl;
      log(`stack ready (at ${elapsed()})`);
      const made = await createFuzzPeople(new SetUpClient(baseUrl), stack.env);
      people = made;
      mentorId = made.mentorId;
    }
    const { problems } = await runFuzz({
      baseUrl,
      people,
      mentorId,
      size,
      runDir,
      seed,
      roles: values.roles?.split(',') as FuzzRole[] | undefined,
      selfCheckOnly: values['self-check'],
    });
    if (problems.length > 0) {
      console.error(`\n[fuzz] FAILED:\n  ${problems.join('\n  ')}`);
      process.exitCode = 1;
    } else if (!values['self-check']) {
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
