import { spawnSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Pool } from 'pg';
import request from 'supertest';
import { generateToken } from '../../apps/api/src/auth/bearer-tokens';
import { repoRoot } from '../../infra/dev/repo-root';
import { uniqueSuffix } from '../support/fixtures';
import { bootApi, createTestUser, signIn, TestUser } from '../support/test-api';
import { testConfig } from '../support/test-env';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

interface SecurityEventBody {
  id: string;
  occurredAt: string;
  userId: string | null;
  username: string | null;
  role: string | null;
  method: string;
  path: string;
  reason: string;
  detail: Record<string, unknown>;
}

describe('identity and access through HTTP', () => {
  const config = testConfig({ SESSION_TTL_MINUTES: '60' });
  let app: NestFastifyApplication;
  let db: Pool;
  let admin: TestUser;
  let staff: TestUser;
  let reviewer: TestUser;
  let mentor: TestUser;
  let adminToken: string;
  let reviewerToken: string;

  const http = () => request(app.getHttpServer());
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  /** The newest security events with this reason, as a reviewer reads them. */
  async function latestEvents(
    reason: string,
    extra: Record<string, string> = {},
  ): Promise<SecurityEventBody[]> {
    const response = await http()
      .get('/security-events')
      .query({ reason, limit: '5', ...extra })
      .set(bearer(reviewerToken))
      .expect(200);
    return (response.body as { items: SecurityEventBody[] }).items;
  }

  beforeAll(async () => {
    db = new Pool({ connectionString: config.DATABASE_URL, max: 2 });
    app = await bootApi(config);
    [admin, staff, reviewer, mentor] = await Promise.all([
      createTestUser(db, 'admin'),
      createTestUser(db, 'staff'),
      createTestUser(db, 'reviewer'),
      createTestUser(db, 'mentor'),
    ]);
    adminToken = await signIn(app, admin);
    reviewerToken = await signIn(app, reviewer);
  });

  afterAll(async () => {
    await app?.close();
    await db?.end();
  });

  describe('signing in', () => {
    it('gives a session token and the caller, and /me answers with that caller', async () => {
      const before = Date.now();
      const response = await http()
        .post('/auth/sessions')
        .send({ username: mentor.username, password: mentor.password })
        .expect(201);
      expect(response.body.token).toMatch(/^ips_[A-Za-z0-9_-]{43}$/);
      expect(response.body.tokenType).toBe('Bearer');
      const expiresAt = Date.parse(response.body.expiresAt);
      expect(expiresAt).toBeGreaterThanOrEqual(before + 60 * 60_000 - 1_000);
      expect(expiresAt).toBeLessThanOrEqual(Date.now() + 60 * 60_000 + 1_000);
      expect(response.body.user).toMatchObject({ id: mentor.id, role: 'mentor' });

      const me = await http().get('/me').set(bearer(response.body.token)).expect(200);
      expect(me.body).toEqual({
        id: mentor.id,
        username: mentor.username,
        displayName: `Test ${mentor.username}`,
        email: null,
        role: 'mentor',
        mentorId: mentor.mentorId,
        language: 'zh',
        emailNotifications: true,
      });
    });

    it('refuses a wrong password and an unknown user alike, and logs both', async () => {
      const wrong = await http()
        .post('/auth/sessions')
        .send({ username: staff.username, password: 'not-the-password' })
        .expect(401);
      const unknownName = `nobody-${uniqueSuffix()}`;
      const unknown = await http()
        .post('/auth/sessions')
        .send({ username: unknownName, password: 'whatever-it-is' })
        .expect(401);
      expect(wrong.body).toEqual(unknown.body);
      expect(wrong.body.message).toBe('wrong user name or password');

      const [badPassword] = await latestEvents('bad-password', { username: staff.username });
      expect(badPassword).toMatchObject({
        userId: staff.id,
        username: staff.username,
        role: 'staff',
        method: 'POST',
        path: '/auth/sessions',
      });
      const [unknownUser] = await latestEvents('unknown-user', { username: unknownName });
      expect(unknownUser).toMatchObject({ userId: null, username: unknownName });
      expect(JSON.stringify([badPassword, unknownUser])).not.toContain('not-the-password');
    });

    it('refuses a body with unknown fields or an over-long name, naming the field', async () => {
      const unknownField = await http()
        .post('/auth/sessions')
        .send({ username: staff.username, password: staff.password, role: 'admin' })
        .expect(400);
      expect(unknownField.body.message).toContain('role');
      const long = await http()
        .post('/auth/sessions')
        .send({ username: 'x'.repeat(101), password: 'p' })
        .expect(400);
      expect(long.body.message).toContain('username');
    });

    it('signs out: the session token stops working (reviewers may sign out too)', async () => {
      const token = await signIn(app, reviewer);
      await http().get('/me').set(bearer(token)).expect(200);
      await http().delete('/auth/sessions/current').set(bearer(token)).expect(204);
      await http().get('/me').set(bearer(token)).expect(401);
    });

    it('keeps /health and /health/ready public', async () => {
      await http().get('/health').expect(200);
      await http().get('/health/ready').expect(200);
    });
  });

  describe('bad tokens are 401 and appear in the security log', () => {
    it('no token', async () => {
      const response = await http().get('/me').expect(401);
      expect(response.headers['www-authenticate']).toContain('Bearer');
      const [event] = await latestEvents('missing-token');
      expect(event).toMatchObject({ method: 'GET', path: '/me', userId: null });
    });

    it.each([
      ['not a bearer scheme', 'Basic dXNlcjpwYXNz'],
      ['a token this API never issued the shape of', 'Bearer abc.def'],
      ['a bearer with nothing after it', 'Bearer '],
    ])('a malformed header: %s', async (_what, header) => {
      const started = new Date();
      await http().get('/me').set('Authorization', header).expect(401);
      const [event] = await latestEvents('malformed-token');
      expect(Date.parse(event.occurredAt)).toBeGreaterThanOrEqual(started.getTime() - 1_000);
      expect(event.path).toBe('/me');
    });

    it('a well-formed token nobody issued', async () => {
      await http()
        .get('/me')
        .set(bearer(generateToken('session')))
        .expect(401);
      const [event] = await latestEvents('unknown-token');
      expect(event.path).toBe('/me');
    });

    it('an expired token', async () => {
      const token = generateToken('session');
      const inserted = await db.query<{ id: string }>(
        `INSERT INTO auth_tokens (user_id, kind, name, token_hash, created_at, expires_at)
         VALUES ($1, 'session', 'old', $2, now() - interval '2 days', now() - interval '1 day')
         RETURNING id`,
        [staff.id, sha256(token)],
      );
      const response = await http().get('/me').set(bearer(token)).expect(401);
      expect(response.body.message).toContain('expired');
      const [event] = await latestEvents('expired-token', { userId: staff.id });
      expect(event).toMatchObject({
        username: staff.username,
        role: 'staff',
        detail: { tokenId: inserted.rows[0].id },
      });
    });

    it('a revoked token', async () => {
      const token = await signIn(app, staff);
      await db.query('UPDATE auth_tokens SET revoked_at = now() WHERE token_hash = $1', [
        sha256(token),
      ]);
      const response = await http().get('/me').set(bearer(token)).expect(401);
      expect(response.body.message).toContain('revoked');
      const [event] = await latestEvents('revoked-token', { userId: staff.id });
      expect(event).toMatchObject({ method: 'GET', path: '/me', username: staff.username });
    });

    it('pages the log newest first with a cursor', async () => {
      const first = await http()
        .get('/security-events')
        .query({ limit: '2' })
        .set(bearer(reviewerToken))
        .expect(200);
      expect(first.body.items).toHaveLength(2);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await http()
        .get('/security-events')
        .query({ limit: '2', cursor: first.body.nextCursor })
        .set(bearer(reviewerToken))
        .expect(200);
      const times = [...first.body.items, ...second.body.items].map((item: SecurityEventBody) =>
        Date.parse(item.occurredAt),
      );
      expect(times).toEqual([...times].sort((a, b) => b - a));
      const ids = [...first.body.items, ...second.body.items].map(
        (item: SecurityEventBody) => item.id,
      );
      expect(new Set(ids).size).toBe(ids.length);
    });
  });

  describe('roles', () => {
    it('refuses a reviewer any change with 403 reviewer-read-only, and logs it', async () => {
      const response = await http()
        .post('/admin/users')
        .set(bearer(reviewerToken))
        .send({})
        .expect(403);
      expect(response.body.message).toContain('reviewers read everything and change nothing');
      const [event] = await latestEvents('reviewer-read-only', { userId: reviewer.id });
      expect(event).toMatchObject({ method: 'POST', path: '/admin/users', role: 'reviewer' });
    });

    it('refuses staff and mentors the admin routes and the security log', async () => {
      const staffToken = await signIn(app, staff);
      const mentorToken = await signIn(app, mentor);
      const refused = await http().get('/admin/users').set(bearer(staffToken)).expect(403);
      expect(refused.body.message).toBe('this route is for admin only; you are signed in as staff');
      await http()
        .post(`/admin/users/${staff.id}/api-tokens`)
        .set(bearer(mentorToken))
        .send({ name: 'sneaky' })
        .expect(403);
      await http().get('/security-events').set(bearer(staffToken)).expect(403);
      const events = await latestEvents('forbidden-role', { userId: staff.id });
      expect(events.map((event) => event.path)).toEqual(
        expect.arrayContaining(['/admin/users', '/security-events']),
      );
      expect(events[0].detail).toEqual({ required: ['reviewer', 'admin'] });
    });

    it('lets an admin read the security log', async () => {
      await http().get('/security-events').set(bearer(adminToken)).expect(200);
    });
  });

  describe('admin manages users and API tokens', () => {
    it('creates a user whose password is stored as an argon2id hash, who can sign in', async () => {
      const username = `newstaff-${uniqueSuffix()}`;
      const created = await http()
        .post('/admin/users')
        .set(bearer(adminToken))
        .send({
          username,
          displayName: '新同事',
          email: `${username}@example.edu.cn`,
          role: 'staff',
          password: 'correct horse battery',
        })
        .expect(201);
      expect(created.body).toMatchObject({ username, role: 'staff', active: true });
      expect(JSON.stringify(created.body)).not.toContain('correct horse battery');
      const stored = await db.query<{ password_hash: string }>(
        'SELECT password_hash FROM users WHERE username = $1',
        [username],
      );
      expect(stored.rows[0].password_hash.startsWith('$argon2id$')).toBe(true);
      await http()
        .post('/auth/sessions')
        .send({ username, password: 'correct horse battery' })
        .expect(201);

      await http()
        .post('/admin/users')
        .set(bearer(adminToken))
        .send({ username, displayName: 'x', role: 'staff', password: 'another password' })
        .expect(409);
    });

    it('links a mentor user to an existing mentor record only', async () => {
      const missing = await http()
        .post('/admin/users')
        .set(bearer(adminToken))
        .send({
          username: `mentor-${uniqueSuffix()}`,
          displayName: 'Mentor',
          role: 'mentor',
          mentorId: randomUUID(),
          password: 'long enough password',
        })
        .expect(422);
      expect(missing.body.message).toContain('mentorId');
      await http()
        .post('/admin/users')
        .set(bearer(adminToken))
        .send({
          username: `mentor-${uniqueSuffix()}`,
          displayName: 'Mentor',
          role: 'mentor',
          password: 'long enough password',
        })
        .expect(422);
      // A name of its own: other suites search responses for every mentor's name.
      const mentorRow = await db.query<{ id: string }>(
        `INSERT INTO mentors (name, organisation, capacity) VALUES ($1, 'Org', 2) RETURNING id`,
        [`Mentor ${uniqueSuffix()}`],
      );
      const created = await http()
        .post('/admin/users')
        .set(bearer(adminToken))
        .send({
          username: `mentor-${uniqueSuffix()}`,
          displayName: 'Mentor',
          role: 'mentor',
          mentorId: mentorRow.rows[0].id,
          password: 'long enough password',
        })
        .expect(201);
      expect(created.body.mentorId).toBe(mentorRow.rows[0].id);
    });

    it('refuses bad user bodies with 400 naming the field', async () => {
      for (const [body, field] of [
        [
          { username: 'Bad Name', displayName: 'x', role: 'staff', password: 'long enough pw' },
          'username',
        ],
        [
          { username: 'okname', displayName: 'x', role: 'boss', password: 'long enough pw' },
          'role',
        ],
        [{ username: 'okname', displayName: 'x', role: 'staff', password: 'short' }, 'password'],
        [
          {
            username: 'okname',
            displayName: 'x'.repeat(101),
            role: 'staff',
            password: 'long enough pw',
          },
          'displayName',
        ],
        [
          {
            username: 'okname',
            displayName: 'x',
            role: 'staff',
            password: 'long enough pw',
            admin: true,
          },
          'admin',
        ],
      ] as const) {
        const response = await http()
          .post('/admin/users')
          .set(bearer(adminToken))
          .send(body)
          .expect(400);
        expect(response.body.message).toContain(field);
      }
    });

    it('lists users a page at a time', async () => {
      const response = await http()
        .get('/admin/users')
        .query({ page: '1', pageSize: '2' })
        .set(bearer(adminToken))
        .expect(200);
      expect(response.body.items).toHaveLength(2);
      expect(response.body.total).toBeGreaterThanOrEqual(4);
      expect(response.body).toMatchObject({ page: 1, pageSize: 2 });
      expect(JSON.stringify(response.body)).not.toContain('argon2');
    });

    it('issues an API token that works, is stored only as a hash, lists without its secret and stops working when revoked', async () => {
      const issued = await http()
        .post(`/admin/users/${staff.id}/api-tokens`)
        .set(bearer(adminToken))
        .send({ name: 'metrics export', expiresInDays: 30 })
        .expect(201);
      const token = issued.body.token as string;
      expect(token).toMatch(/^ipt_[A-Za-z0-9_-]{43}$/);
      expect(issued.body).toMatchObject({ name: 'metrics export', status: 'active' });

      const me = await http().get('/me').set(bearer(token)).expect(200);
      expect(me.body).toMatchObject({ id: staff.id, role: 'staff' });

      const rows = await db.query<{ token_hash: string; last_used_at: Date | null; row: string }>(
        'SELECT token_hash, last_used_at, row_to_json(t)::text AS row FROM auth_tokens t WHERE id = $1',
        [issued.body.id],
      );
      expect(rows.rows[0].token_hash).toBe(sha256(token));
      expect(rows.rows[0].row).not.toContain(token.slice(4));
      expect(rows.rows[0].last_used_at).not.toBeNull();
      const anywhere = await db.query(
        `SELECT count(*)::int AS n FROM auth_tokens t WHERE row_to_json(t)::text LIKE '%' || $1 || '%'`,
        [token.slice(4)],
      );
      expect(anywhere.rows[0].n).toBe(0);

      const listed = await http()
        .get(`/admin/users/${staff.id}/api-tokens`)
        .set(bearer(adminToken))
        .expect(200);
      const listedIds = (listed.body as { id: string }[]).map((item) => item.id);
      expect(listedIds).toContain(issued.body.id);
      expect(JSON.stringify(listed.body)).not.toContain(token.slice(4));
      expect(listed.body[0]).not.toHaveProperty('token');
      expect(listed.body[0]).not.toHaveProperty('tokenHash');

      const revoked = await http()
        .delete(`/admin/api-tokens/${issued.body.id}`)
        .set(bearer(adminToken))
        .expect(200);
      expect(revoked.body.status).toBe('revoked');
      await http().get('/me').set(bearer(token)).expect(401);
      const [event] = await latestEvents('revoked-token', { userId: staff.id });
      expect(event.detail).toEqual({ tokenId: issued.body.id });
    });

    it('refuses an API token lifetime above the configured maximum', async () => {
      const response = await http()
        .post(`/admin/users/${staff.id}/api-tokens`)
        .set(bearer(adminToken))
        .send({ name: 'forever', expiresInDays: config.API_TOKEN_MAX_TTL_DAYS + 1 })
        .expect(422);
      expect(response.body).toMatchObject({ field: 'expiresInDays', rule: 'token-lifetime' });
    });

    it('a new password ends the sessions; a deactivated user can neither sign in nor use a token', async () => {
      const user = await createTestUser(db, 'staff');
      const session = await signIn(app, user);
      const apiToken = (
        await http()
          .post(`/admin/users/${user.id}/api-tokens`)
          .set(bearer(adminToken))
          .send({ name: 'bot' })
          .expect(201)
      ).body.token as string;

      await http()
        .patch(`/admin/users/${user.id}`)
        .set(bearer(adminToken))
        .send({ password: 'a brand new password', displayName: 'Renamed' })
        .expect(200);
      await http().get('/me').set(bearer(session)).expect(401);
      await http().get('/me').set(bearer(apiToken)).expect(200);
      const fresh = await signIn(app, { ...user, password: 'a brand new password' });

      const deactivated = await http()
        .patch(`/admin/users/${user.id}`)
        .set(bearer(adminToken))
        .send({ active: false })
        .expect(200);
      expect(deactivated.body).toMatchObject({ active: false, displayName: 'Renamed' });
      await http().get('/me').set(bearer(fresh)).expect(401);
      await http().get('/me').set(bearer(apiToken)).expect(401);
      const [event] = await latestEvents('inactive-user', { userId: user.id });
      expect(event.path).toBe('/me');
      await http()
        .post('/auth/sessions')
        .send({ username: user.username, password: 'a brand new password' })
        .expect(401, {
          statusCode: 401,
          error: 'Unauthorized',
          message: 'wrong user name or password',
        });
    });

    it('does not let an admin deactivate or demote themselves', async () => {
      await http()
        .patch(`/admin/users/${admin.id}`)
        .set(bearer(adminToken))
        .send({ role: 'staff' })
        .expect(422);
      await http()
        .patch(`/admin/users/${admin.id}`)
        .set(bearer(adminToken))
        .send({ active: false })
        .expect(422);
    });
  });

  describe('records', () => {
    it('gives the application role no UPDATE, DELETE or TRUNCATE on the security log', async () => {
      for (const statement of [
        "UPDATE security_events SET reason = 'forged'",
        'DELETE FROM security_events',
        'TRUNCATE security_events',
      ]) {
        await expect(db.query(statement)).rejects.toThrow(
          /permission denied for table security_events/,
        );
      }
    });
  });

  describe('npm run admin:create', () => {
    const entry = join(repoRoot(), 'dist/apps/api/src/cli/create-admin.js');
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [entry, ...args], {
        env: { ...process.env, DATABASE_URL: config.DATABASE_URL },
        encoding: 'utf8',
        timeout: 30_000,
      });

    it('creates the first admin once, and resets the password only when asked', async () => {
      expect(existsSync(entry)).toBe(true); // `npm run build` runs before the tests
      const username = `root-${uniqueSuffix()}`;
      const first = run('--username', username, '--password', 'first admin password');
      expect(first.stderr).toBe('');
      expect(first.status).toBe(0);
      expect(first.stdout).toContain(`created admin ${username}`);
      const token = await signIn(app, {
        id: '',
        username,
        password: 'first admin password',
        role: 'admin',
        mentorId: null,
      });
      await http().get('/admin/users').set(bearer(token)).expect(200);

      const again = run('--username', username, '--password', 'some other password');
      expect(again.status).toBe(0);
      expect(again.stdout).toContain('already exists');
      await http()
        .post('/auth/sessions')
        .send({ username, password: 'some other password' })
        .expect(401);

      const reset = run(
        '--username',
        username,
        '--password',
        'some other password',
        '--reset-password',
      );
      expect(reset.status).toBe(0);
      await http().get('/me').set(bearer(token)).expect(401);
      await http()
        .post('/auth/sessions')
        .send({ username, password: 'some other password' })
        .expect(201);
    });

    it('refuses a bad command line with a usage message', () => {
      const result = run('--username', 'Bad Name', '--password', 'x');
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('usage: npm run admin:create');
    });
  });
});
