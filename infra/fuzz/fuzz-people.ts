import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { repoRoot } from '../dev/repo-root';

/** In the order they run: the mentor before staff's generated mentor changes, the admin last. */
export const FUZZ_ROLES = ['mentor', 'reviewer', 'staff', 'admin'] as const;
export type FuzzRole = (typeof FUZZ_ROLES)[number];

export interface Account {
  username: string;
  password: string;
}

/** Who the fuzzer acts as: one bearer token per role, and an account to sign in and out with. */
export interface FuzzPeople {
  tokens: Record<FuzzRole, string>;
  /** Signed in afresh for each sign-in and sign-out request, so no role's token is revoked. */
  signInAccount?: Account;
}

export class HttpFailure extends Error {}

/**
 * How long a set-up call retries a 503 (the API's "try again with the same decisionId or
 * Idempotency-Key" answer) before it fails; 0 (the plain fuzz run's) never retries. A suite
 * that fuzzes a loaded or faulted API sets it: every set-up call carries its key already, so
 * sending it again makes nothing twice.
 */
export interface SetUpPatience {
  retryUnavailableMs: number;
}

export const IMPATIENT: SetUpPatience = { retryUnavailableMs: 0 };

/** Sends `attempt` again while it answers 503, until the patience runs out. */
export async function retryingUnavailable(
  patience: SetUpPatience,
  attempt: () => Promise<Response>,
): Promise<Response> {
  const giveUpAt = Date.now() + patience.retryUnavailableMs;
  for (let pause = 250; ; pause = Math.min(pause * 2, 2_000)) {
    const response = await attempt();
    if (response.status !== 503 || Date.now() + pause > giveUpAt) return response;
    await response.arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

/** One JSON call to the API that must succeed; fails naming the route and the answer. */
export async function call<T>(
  baseUrl: string,
  method: string,
  path: string,
  token: string | undefined,
  body?: unknown,
  headers: Record<string, string> = {},
  patience: SetUpPatience = IMPATIENT,
): Promise<T> {
  const response = await retryingUnavailable(patience, () =>
    fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
  const text = await response.text();
  if (!response.ok) {
    throw new HttpFailure(`${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
  }
  return (text ? JSON.parse(text) : undefined) as T;
}

const newPassword = (): string => `fz-${randomBytes(18).toString('base64url')}`;

async function signIn(baseUrl: string, account: Account, patience: SetUpPatience): Promise<string> {
  return (
    await call<{ token: string }>(
      baseUrl,
      'POST',
      '/auth/sessions',
      undefined,
      account,
      {},
      patience,
    )
  ).token;
}

/**
 * The run's people on its own API instance: an admin made with `npm run admin:create`, then a
 * staff member, a mentor (with a mentor record of ample capacity), a reviewer and a spare
 * account for the sign-in routes, each made through the admin routes and signed in.
 */
export async function createFuzzPeople(
  baseUrl: string,
  env: Record<string, string>,
  patience: SetUpPatience = IMPATIENT,
): Promise<FuzzPeople & { mentorId: string }> {
  const admin: Account = {
    username: `fuzz-admin-${randomUUID().slice(0, 8)}`,
    password: newPassword(),
  };
  const made = spawnSync(
    process.execPath,
    [
      join(repoRoot(), 'dist/apps/api/src/cli/create-admin.js'),
      '--username',
      admin.username,
      '--password',
      '-',
    ],
    { env: { ...process.env, ...env }, input: `${admin.password}\n`, encoding: 'utf8' },
  );
  if (made.status !== 0) throw new Error(`admin:create failed: ${made.stderr}${made.stdout}`);
  const adminToken = await signIn(baseUrl, admin, patience);
  const create = async (role: string, mentorId?: string): Promise<Account> => {
    const account = {
      username: `fuzz-${role}-${randomUUID().slice(0, 8)}`,
      password: newPassword(),
    };
    await call(
      baseUrl,
      'POST',
      '/admin/users',
      adminToken,
      { ...account, displayName: `Fuzz ${role}`, role, ...(mentorId ? { mentorId } : {}) },
      {},
      patience,
    );
    return account;
  };
  const staff = await create('staff');
  const staffToken = await signIn(baseUrl, staff, patience);
  const mentor = await call<{ mentorId: string }>(
    baseUrl,
    'POST',
    '/mentors',
    staffToken,
    { name: 'Fuzz Mentor', organisation: 'Fuzz Institute', capacity: 1000 },
    {},
    patience,
  );
  const mentorAccount = await create('mentor', mentor.mentorId);
  const reviewer = await create('reviewer');
  const spare = await create('staff');
  return {
    tokens: {
      staff: staffToken,
      mentor: await signIn(baseUrl, mentorAccount, patience),
      reviewer: await signIn(baseUrl, reviewer, patience),
      admin: adminToken,
    },
    signInAccount: spare,
    mentorId: mentor.mentorId,
  };
}
