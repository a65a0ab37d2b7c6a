import { createHash, randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { generateToken } from '../../apps/api/src/auth/bearer-tokens';
import {
  AccessFixture,
  accessFixtureUsers,
  controllerRoutes,
  openAccessFixture,
  recordRoutes,
  RELATIONS,
  ROLES,
  Role,
  rowFor,
  ROUTES,
  serverRoutes,
  walkAccessMatrix,
} from '../support/access-matrix';
import { sharedTestAuditSigningKey } from '../support/audit-keys';
import { HttpAs } from '../support/http-client';
import { IntegrationContext, openIntegrationContext } from '../support/integration-context';
import { bootApi, signIn } from '../support/test-api';

describe('HTTP: who may use which route (generated from the route table)', () => {
  let ctx: IntegrationContext;
  let app: NestFastifyApplication;
  const recorded: string[] = [];
  let fixture: AccessFixture;
  let as: Record<Role, HttpAs>;
  let projectOf: AccessFixture['projectOf'];

  beforeAll(async () => {
    // Admins may sign an audit checkpoint on demand: the deployment needs a signing key.
    ctx = await openIntegrationContext('api-access', {
      AUDIT_SIGNING_KEY: sharedTestAuditSigningKey(),
    });
    app = await bootApi(ctx.config, { beforeConfigure: (nest) => recordRoutes(nest, recorded) });
    fixture = await openAccessFixture(app, ctx.db);
    ({ as, projectOf } = fixture);
  });

  afterAll(async () => {
    await ctx?.db.query('UPDATE users SET active = false WHERE id = ANY($1)', [
      accessFixtureUsers(fixture),
    ]);
    await app?.close();
    await ctx?.close();
  });

  const http = () => request(app.getHttpServer());

  it('has a row for every route the server answers, and finds every controller route', () => {
    const served = serverRoutes(recorded);
    const declared = controllerRoutes(app);
    expect(declared.length).toBeGreaterThan(30);
    expect(declared.filter((route) => !served.includes(route))).toEqual([]);
    const routes = [...new Set([...served, ...declared])];
    expect(routes.filter((route) => !rowFor(route))).toEqual([]);
    // And no row for a route that is gone.
    expect(Object.keys(ROUTES).filter((route) => !routes.includes(route))).toEqual([]);
  });

  it('answers every route × role × project relation as the table says, and logs each refusal', async () => {
    const { mismatches, refusals } = await walkAccessMatrix(app, fixture, recorded);
    expect(mismatches).toEqual([]);
    expect(refusals.length).toBeGreaterThan(50);
    // The requests that passed access control changed none of the projects.
    const stages = await Promise.all(
      RELATIONS.map(async (relation) => {
        const detail = await as.staff.get(`/projects/${projectOf[relation]}`);
        const { stage, status } = (detail.body as { state: { stage: string; status: string } })
          .state;
        return [relation, stage, status];
      }),
    );
    expect(stages).toEqual([
      ['own', 'INVESTOR_CONTACT', 'ACTIVE'],
      ['proposed', 'MENTOR_MATCHING', 'ON_HOLD'],
      ['declined', 'MENTOR_MATCHING', 'ACTIVE'],
      ['other', 'BUSINESS_PLAN', 'ACTIVE'],
    ]);

    // Every refusal is in the security log, with who, what and why, as a reviewer reads it.
    for (const role of ROLES) {
      const logged = await securityEventsOf(as[role].user.id);
      const missing = refusals
        .filter((refusal) => refusal.role === role)
        .filter(
          (refusal) =>
            !logged.some(
              (event) =>
                event.method === refusal.method &&
                event.path === refusal.path &&
                (refusal.status === 404
                  ? event.reason === 'not-your-project'
                  : ['forbidden-role', 'reviewer-read-only'].includes(event.reason)),
            ),
        );
      expect({ role, missing }).toEqual({ role, missing: [] });
    }
  });

  interface SecurityEventBody {
    method: string;
    path: string;
    reason: string;
    userId: string | null;
  }

  async function securityEventsOf(userId: string): Promise<SecurityEventBody[]> {
    const events: SecurityEventBody[] = [];
    let cursor: string | null = null;
    do {
      const page = await as.reviewer.get('/security-events', {
        userId,
        limit: '200',
        ...(cursor ? { cursor } : {}),
      });
      expect(page.status).toBe(200);
      events.push(...(page.body.items as SecurityEventBody[]));
      cursor = page.body.nextCursor as string | null;
    } while (cursor);
    return events;
  }

  it('shows a mentor only their own and proposed projects in the list', async () => {
    const listed = await as.mentor.get('/projects', { limit: '100' });
    expect(listed.status).toBe(200);
    const ids = (listed.body.items as { projectId: string }[]).map((item) => item.projectId);
    expect(ids).toEqual(expect.arrayContaining([projectOf.own, projectOf.proposed]));
    expect(ids).not.toContain(projectOf.other);
    expect(ids).not.toContain(projectOf.declined);
  });

  it('shows a proposed mentor only the summary: no team ids, contacts or documents', async () => {
    const detail = await as.mentor.get(`/projects/${projectOf.proposed}`);
    expect(detail.status).toBe(200);
    expect(detail.body.scope).toBe('summary');
    const text = JSON.stringify(detail.body);
    expect(text).not.toContain('memberId');
    expect(text).not.toContain('investorContacts');
    expect(text).not.toContain('documentId');
  });

  describe('bad tokens are a 401 and a security event', () => {
    const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

    async function refusedWith(reason: string, header: string): Promise<void> {
      // A path of its own, to find this very request in the log.
      const path = `/projects/${randomUUID()}`;
      const response = await http().get(path).set('Authorization', header);
      expect({ status: response.status, message: typeof response.body.message }).toEqual({
        status: 401,
        message: 'string',
      });
      const logged = await as.reviewer.get('/security-events', { reason, limit: '50' });
      expect(logged.body.items as SecurityEventBody[]).toEqual(
        expect.arrayContaining([expect.objectContaining({ method: 'GET', path, reason })]),
      );
    }

    it('an expired token', async () => {
      const token = generateToken('session');
      await ctx.db.query(
        `INSERT INTO auth_tokens (user_id, kind, name, token_hash, created_at, expires_at)
         VALUES ($1, 'session', 'old', $2, now() - interval '2 days', now() - interval '1 day')`,
        [as.staff.user.id, sha256(token)],
      );
      await refusedWith('expired-token', `Bearer ${token}`);
    });

    it('a revoked token', async () => {
      const token = await signIn(app, as.staff.user);
      await http()
        .delete('/auth/sessions/current')
        .set('Authorization', `Bearer ${token}`)
        .expect(204);
      await refusedWith('revoked-token', `Bearer ${token}`);
    });

    it.each([
      ['a token of the wrong shape', 'Bearer not-a-token'],
      ['another scheme', 'Basic c3RhZmY6cGFzc3dvcmQ='],
      ['nothing after Bearer', 'Bearer '],
    ])('a malformed header: %s', async (_what, header) => {
      await refusedWith('malformed-token', header);
    });

    it('a well-formed token nobody issued', async () => {
      await refusedWith('unknown-token', `Bearer ${generateToken('api')}`);
    });
  });
});
