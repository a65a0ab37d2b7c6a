import { setTimeout as sleep } from 'node:timers/promises';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { IntegrationContext, openIntegrationContext } from '../support/integration-context';
import { bootApi, createTestUser, TestUser } from '../support/test-api';
import { testConfig } from '../support/test-env';

const THRESHOLDS = { SIGN_IN_MAX_FAILURES: '3', SIGN_IN_MAX_FAILURES_PER_ADDRESS: '8' };

/** An API of its own with small thresholds (every test client comes from 127.0.0.1). */
describe('HTTP: wrong sign-ins lock a user name, then an address, out with back-off', () => {
  let ctx: IntegrationContext;
  let app: NestFastifyApplication;
  let user: TestUser;

  beforeAll(async () => {
    ctx = await openIntegrationContext('sign-in-lockout', {
      ...THRESHOLDS,
      SIGN_IN_LOCKOUT_SECONDS: '1',
      SIGN_IN_LOCKOUT_MAX_SECONDS: '30',
    });
    app = await bootApi(ctx.config);
    user = await createTestUser(ctx.db, 'staff');
  });

  afterAll(async () => {
    await app?.close();
    await ctx?.close();
  });

  const signIn = (username: string, password: string) =>
    request(app.getHttpServer()).post('/auth/sessions').send({ username, password });

  it('locks the name after 3 wrong passwords even for the right one, logs it, releases it, and doubles the next', async () => {
    for (let i = 0; i < 3; i++) expect((await signIn(user.username, 'wrong')).status).toBe(401);
    const locked = await signIn(user.username, user.password);
    expect(locked.status).toBe(429);
    expect(locked.headers['retry-after']).toBe('1');
    expect(locked.body).toEqual(expect.objectContaining({ rule: 'sign-in-lockout' }));
    const logged = await ctx.db.query<{ detail: { lockedBy: string; seconds: number } }>(
      `SELECT detail FROM security_events WHERE reason = 'sign-in-lockout' AND username = $1`,
      [user.username],
    );
    expect(logged.rows.map((row) => row.detail)).toEqual([{ lockedBy: 'username', seconds: 1 }]);

    await sleep(1_100);
    for (let i = 0; i < 3; i++) expect((await signIn(user.username, 'wrong')).status).toBe(401);
    const again = await signIn(user.username, user.password);
    expect(again.status).toBe(429);
    expect(again.headers['retry-after']).toBe('2');

    await sleep(2_100);
    expect((await signIn(user.username, user.password)).status).toBe(201);
    // A success forgets the name's failures: one wrong password is just a 401 again.
    expect((await signIn(user.username, 'wrong')).status).toBe(401);
    expect((await signIn(user.username, user.password)).status).toBe(201);
  });

  it('locks the address once it tries too many names, for any name', async () => {
    // An API of its own (the counts are per process) whose lockout outlasts a slow machine:
    // under load one sign-in's hashing and its security-log row can take longer than 1 s.
    const patient = await bootApi(
      testConfig({
        ...THRESHOLDS,
        SIGN_IN_LOCKOUT_SECONDS: '30',
        SIGN_IN_LOCKOUT_MAX_SECONDS: '60',
        TEMPORAL_TASK_QUEUE: ctx.config.TEMPORAL_TASK_QUEUE,
      }),
    );
    try {
      const signInThere = (username: string, password: string) =>
        request(patient.getHttpServer()).post('/auth/sessions').send({ username, password });
      const other = await createTestUser(ctx.db, 'reviewer');
      let status = 0;
      for (let i = 0; i < 8 && status !== 429; i++) {
        status = (await signInThere(`nobody-${i}-${Date.now()}`, 'guess')).status;
      }
      const refused = await signInThere(other.username, other.password);
      expect(refused.status).toBe(429);
      const logged = await ctx.db.query(
        `SELECT 1 FROM security_events WHERE reason = 'sign-in-lockout' AND detail->>'lockedBy' = 'address'`,
      );
      expect(logged.rowCount).toBeGreaterThan(0);
    } finally {
      await patient.close();
    }
  });
});
