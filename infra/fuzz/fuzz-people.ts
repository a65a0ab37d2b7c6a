import { setTimeout as sleep } from 'node:timers/promises';
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

/** What one set-up call carries besides its route. */
export interface SetUpRequest {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * The set-up's calls to one API instance: each must succeed, and one answered 503 is sent again
 * (same key, same decisionId) until the patience runs out.
 */
export class SetUpClient {
  constructor(
    readonly baseUrl: string,
    private readonly patience: SetUpPatience = IMPATIENT,
  ) {}

  /** A request to `path`, sent again while it answers 503; `init` builds each attempt afresh. */
  async send(path: string, init: () => RequestInit): Promise<Response> {
    const giveUpAt = Date.now() + this.patience.retryUnavailableMs;
    for (let pause = 250; ; pause = Math.min(pause * 2, 2_000)) {
      const response = await fetch(`${this.baseUrl}${path}`, init());
      if (response.status !== 503 || Date.now() + pause > giveUpAt) return response;
      await response.arrayBuffer();
      await sleep(pause);
    }
  }

  /** One JSON call that must succeed; fails naming the route and the answer. */
  async json<T>(
    method: string,
    path: string,
    { token, body, headers }: SetUpRequest = {},
  ): Promise<T> {
    const response = await this.send(path, () => ({
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    }));
    const text = await response.text();
    if (!response.ok) {
      throw new HttpFailure(`${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

const newPassword = (): string => `fz-${randomBytes(18).toString('base64url')}`;

async function signIn(api: SetUpClient, account: Account): Promise<string> {
  return (await api.json<{ token: string }>('POST', '/auth/sessions', { body: account })).token;
}

/**
 * The run's people on its own API instance: an admin made with `npm run admin:create`, then a
 * staff member, a mentor (with a mentor record of ample capacity), a reviewer and a spare
 * account for the sign-in routes, each made through the admin routes and signed in.
 */
export async function createFuzzPeople(
  api: SetUpClient,
  env: Record<string, string>,
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
  const adminToken = await signIn(api, admin);
  const create = async (role: string, mentorId?: string): Promise<Account> => {
    const account = {
      username: `fuzz-${role}-${randomUUID().slice(0, 8)}`,
      password: newPassword(),
    };
    await api.json('POST', '/admin/users', {
      token: adminToken,
      body: { ...account, displayName: `Fuzz ${role}`, role, ...(mentorId ? { mentorId } : {}) },
    });
    return account;
  };
  const staff = await create('staff');
  const staffToken = await signIn(api, staff);
  const mentor = await api.json<{ mentorId: string }>('POST', '/mentors', {
    token: staffToken,
    body: { name: 'Fuzz Mentor', organisation: 'Fuzz Institute', capacity: 1000 },
  });
  const mentorAccount = await create('mentor', mentor.mentorId);
  const reviewer = await create('reviewer');
  const spare = await create('staff');
  return {
    tokens: {
      staff: staffToken,
      mentor: await signIn(api, mentorAccount),
      reviewer: await signIn(api, reviewer),
      admin: adminToken,
    },
    signInAccount: spare,
    mentorId: mentor.mentorId,
  };
}
