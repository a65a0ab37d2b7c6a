import { createHash, randomUUID } from 'node:crypto';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request, { Response } from 'supertest';
import type { ActorRole } from '@app/domain';
import { generateToken } from '../../apps/api/src/auth/bearer-tokens';
import { bodyOf, decideOk, driveProjectTo, submitProject } from '../support/api-projects';
import { sharedTestAuditSigningKey } from '../support/audit-keys';
import { d } from '../support/fixtures';
import { pdfFile } from '../support/plan-document-files';
import { createRoomyMentor, HttpAs, signedInUser } from '../support/http-client';
import { IntegrationContext, openIntegrationContext } from '../support/integration-context';
import { bootApi, signIn } from '../support/test-api';

const ROLES = ['staff', 'mentor', 'reviewer', 'admin'] as const satisfies readonly ActorRole[];
type Role = (typeof ROLES)[number];

/**
 * How a project relates to the signed-in mentor: assigned to them, proposed to them, declined
 * by them, or another mentor's. For other roles the relation changes nothing, which is checked.
 */
const RELATIONS = ['own', 'proposed', 'declined', 'other'] as const;
type Relation = (typeof RELATIONS)[number];

type Expected = 'allow' | 403 | 404;

interface RouteRow {
  /** Who may pass access control; the rest are refused with the status given. */
  expect: (role: Role, relation: Relation | undefined) => Expected;
  /** False for the routes anyone may call without a token. */
  protected: boolean;
  /** The body sent by this role: one that passes validation where the access decision needs it. */
  body?: (role: Role) => object;
  /** Values for path parameters other than :projectId (some depend on the project). */
  params?: (relation: Relation | undefined) => Record<string, string>;
  /** The request revokes the token it carries: send it with a throwaway session. */
  spendsToken?: boolean;
  /** Every caller, with a token or without, gets exactly this status. */
  answer?: number;
  /** What to request instead of the route's own method and path (a wildcard route). */
  probe?: { method: 'GET'; path: () => string };
}

const isStaff = (role: Role): boolean => role === 'staff' || role === 'admin';
/** Mentors see the projects proposed or assigned to them; another project is a 404. */
const mentorSees = (relation: Relation | undefined): Expected =>
  relation === 'own' || relation === 'proposed' ? 'allow' : 404;

const publicRoute: RouteRow = { protected: false, expect: () => 'allow' };
const anyoneSignedIn: RouteRow = { protected: true, expect: () => 'allow' };
const only = (...roles: Role[]): RouteRow => ({
  protected: true,
  expect: (role) => (roles.includes(role) ? 'allow' : 403),
});
const projectRead: RouteRow = {
  protected: true,
  expect: (role, relation) => (role === 'mentor' ? mentorSees(relation) : 'allow'),
};
/** Everyone but a mentor who is not (yet) the project's assigned mentor. */
const assignedRead: RouteRow = {
  protected: true,
  expect: (role, relation) => (role === 'mentor' && relation !== 'own' ? 404 : 'allow'),
};
/** Not for mentors at all, their own project's included. */
const rawHistoryRead: RouteRow = {
  protected: true,
  expect: (role) => (role === 'mentor' ? 403 : 'allow'),
};
/** Staff and admins only; {} fails validation (no decisionId) after access control passed. */
const staffDecision: RouteRow = {
  protected: true,
  expect: (role) => (isStaff(role) ? 'allow' : 403),
  body: () => ({}),
};
/**
 * The project's mentor only. A mentor sends a valid body, so the project check in the service
 * is reached; the projects are placed so that the workflow then refuses it (nothing changes).
 */
const mentorDecision = (body: object = {}): RouteRow => ({
  protected: true,
  expect: (role, relation) => (role === 'mentor' ? mentorSees(relation) : 403),
  body: (role) => (role === 'mentor' ? { decisionId: randomUUID(), ...body } : {}),
});

/** Every route of the API and who may use it. A route missing here fails the test. */
const ROUTES: Record<string, RouteRow> = {
  'GET /health': publicRoute,
  'GET /health/ready': publicRoute,
  'POST /auth/sessions': { ...publicRoute, body: () => ({}) },
  'DELETE /auth/sessions/current': { ...anyoneSignedIn, spendsToken: true },
  // The console's sign-in: the same check, the session in an HttpOnly cookie.
  'POST /auth/browser-sessions': { ...publicRoute, body: () => ({}) },
  'DELETE /auth/browser-sessions/current': { ...anyoneSignedIn, spendsToken: true },
  // The console's page (/ redirects to it); its files are public, its data is not.
  'GET /': publicRoute,
  'GET /me': anyoneSignedIn,
  'GET /security-events': only('reviewer', 'admin'),
  'POST /admin/users': { ...only('admin'), body: () => ({}) },
  'GET /admin/users': only('admin'),
  'PATCH /admin/users/:id': {
    ...only('admin'),
    body: () => ({}),
    params: () => ({ id: dummyUserId }),
  },
  'POST /admin/users/:id/api-tokens': {
    ...only('admin'),
    body: () => ({}),
    params: () => ({ id: dummyUserId }),
  },
  'GET /admin/users/:id/api-tokens': { ...only('admin'), params: () => ({ id: dummyUserId }) },
  'DELETE /admin/api-tokens/:id': { ...only('admin'), params: () => ({ id: randomUUID() }) },
  'POST /projects': { ...only('staff', 'admin'), body: () => ({}) },
  'GET /projects': anyoneSignedIn,
  'GET /projects/stage-counts': anyoneSignedIn,
  'GET /projects/:projectId': projectRead,
  'POST /projects/:projectId/screening': staffDecision,
  'POST /projects/:projectId/resubmission': staffDecision,
  'POST /projects/:projectId/mentor-assignment': staffDecision,
  'POST /projects/:projectId/mentor-assignment/accept': mentorDecision(),
  'POST /projects/:projectId/mentor-assignment/decline': mentorDecision({ reason: 'Too busy.' }),
  'POST /projects/:projectId/plan-versions': staffDecision,
  'POST /projects/:projectId/plan-review/approve': mentorDecision(),
  'POST /projects/:projectId/plan-review/request-revision': mentorDecision({ comment: 'More.' }),
  'POST /projects/:projectId/investor-contacts': staffDecision,
  'POST /projects/:projectId/investor-contacts/amendments': staffDecision,
  'POST /projects/:projectId/investment-sign-offs': {
    protected: true,
    expect: (role, relation) =>
      isStaff(role) ? 'allow' : role === 'mentor' ? mentorSees(relation) : 403,
    body: (role) => (role === 'mentor' ? { decisionId: randomUUID() } : {}),
  },
  // Staff, or the project's mentor (the workflow refuses one only proposed: nothing changes).
  'POST /projects/:projectId/notes': {
    protected: true,
    expect: (role, relation) =>
      isStaff(role) ? 'allow' : role === 'mentor' ? mentorSees(relation) : 403,
    body: (role) => (role === 'mentor' ? { decisionId: randomUUID(), comment: 'A note.' } : {}),
  },
  'POST /projects/:projectId/company': staffDecision,
  'POST /projects/:projectId/company/amendments': staffDecision,
  'POST /projects/:projectId/incubation-approval': staffDecision,
  'POST /projects/:projectId/withdrawal': staffDecision,
  'POST /projects/:projectId/mentor-replacement': staffDecision,
  'POST /projects/:projectId/deadline-extensions': staffDecision,
  'POST /projects/:projectId/extra-revision-round': staffDecision,
  'POST /projects/:projectId/hold': staffDecision,
  'POST /projects/:projectId/resume': staffDecision,
  // Daily work: inbox, notifications (a random id is a plain 404 for its owner), preferences.
  'GET /me/inbox': anyoneSignedIn,
  'GET /me/notifications': anyoneSignedIn,
  'GET /me/notifications/unread-count': anyoneSignedIn,
  'POST /me/notifications/read-all': anyoneSignedIn,
  'GET /me/notifications/:notificationId': {
    ...anyoneSignedIn,
    params: () => ({ notificationId: randomUUID() }),
  },
  'POST /me/notifications/:notificationId/read': {
    ...anyoneSignedIn,
    params: () => ({ notificationId: randomUUID() }),
  },
  'GET /me/notification-preferences': anyoneSignedIn,
  'PATCH /me/notification-preferences': { ...anyoneSignedIn, body: () => ({}) },
  // Mentor management: staff change, reviewers read, a mentor edits only their own profile.
  'POST /mentors': { ...only('staff', 'admin'), body: () => ({}) },
  'GET /mentors': only('staff', 'admin', 'reviewer'),
  'GET /mentors/:mentorId': {
    ...only('staff', 'admin', 'reviewer'),
    params: () => ({ mentorId: randomUUID() }),
  },
  'PATCH /mentors/:mentorId': {
    ...only('staff', 'admin'),
    body: () => ({}),
    params: () => ({ mentorId: randomUUID() }),
  },
  'POST /mentors/:mentorId/deactivation': {
    ...only('staff', 'admin'),
    body: () => ({}),
    params: () => ({ mentorId: randomUUID() }),
  },
  'POST /mentors/:mentorId/reactivation': {
    ...only('staff', 'admin'),
    body: () => ({}),
    params: () => ({ mentorId: randomUUID() }),
  },
  'GET /me/mentor-profile': only('mentor'),
  'PATCH /me/mentor-profile': { ...only('mentor'), body: () => ({}) },
  'GET /projects/:projectId/mentor-candidates': {
    protected: true,
    expect: (role) => (role === 'mentor' ? 403 : 'allow'),
  },
  // Business-plan documents: staff upload; only an assigned mentor downloads.
  'POST /projects/:projectId/plan-documents': staffDecision,
  'GET /projects/:projectId/plan-documents/:documentId': {
    ...assignedRead,
    params: (relation) => ({ documentId: relation ? documentOf[relation] : randomUUID() }),
  },
  // Reviewers' records: a project's timeline (its assigned mentor too); the raw history, which
  // carries every mentor's ranking, is for staff, reviewers and admins; the audit trail.
  'GET /projects/:projectId/timeline': assignedRead,
  'GET /projects/:projectId/history': rawHistoryRead,
  'GET /projects/:projectId/replay-check': rawHistoryRead,
  'GET /audit/verify': only('reviewer', 'admin'),
  'GET /audit/checkpoints': only('reviewer', 'admin'),
  'POST /audit/checkpoints': only('admin'),
  'GET /audit/export': only('reviewer', 'admin'),
  'GET /audit/bundle': only('reviewer', 'admin'),
  // What the center achieved (issue 17).
  'GET /portfolio': only('reviewer', 'staff', 'admin'),
  'GET /portfolio/practice-fund': only('reviewer', 'staff', 'admin'),
  'PUT /admin/practice-fund/budgets/:year': {
    ...only('admin'),
    body: () => ({}),
    params: () => ({ year: '2999' }),
  },
  'GET /reports/portfolio': only('reviewer', 'staff', 'admin'),
  // The working-day calendar's operator corrections.
  'GET /admin/calendar-overrides': only('staff', 'admin', 'reviewer'),
  'PUT /admin/calendar-overrides': { ...only('admin'), body: () => ({}) },
  'DELETE /admin/calendar-overrides/:date': {
    ...only('admin'),
    params: () => ({ date: '1999-01-01' }),
  },
};

/**
 * Fastify's not-found handler (Nest's) answers every method and path no route serves: a 404
 * for anyone, token or not. (The request logger is middleware there, not a route.)
 */
const NOT_FOUND_HANDLER = 'ALL *';
ROUTES[NOT_FOUND_HANDLER] = {
  protected: false,
  expect: () => 'allow',
  answer: 404,
  probe: { method: 'GET', path: () => `/no-such-route-${randomUUID()}` },
};

/**
 * The codec endpoint: decoding is reading (reviewers too). Its CORS and cookie middleware add no
 * route under Fastify: an unknown /codec path is the not-found handler's row.
 */
ROUTES['POST /codec/decode'] = { ...only('staff', 'admin', 'reviewer'), body: () => ({}) };
ROUTES['POST /codec/encode'] = { ...only('staff', 'admin'), body: () => ({}) };
ROUTES['POST /codec/session'] = only('staff', 'admin', 'reviewer');
ROUTES['DELETE /codec/session'] = anyoneSignedIn;

/** The OpenAPI pages and documents (their exact paths are the Swagger module's): public reads. */
const DOCS_ROUTE = /^GET \/docs([-/].*)?$/;
/** The built console under /app/: one route per hashed asset, the page and its fallback. */
const CONSOLE_ROUTE = /^GET \/app(\/.*)?$/;

let dummyUserId = '';
/** One uploaded plan document per project, so a download reaches the access decision. */
const documentOf = {} as Record<Relation, string>;

function rowFor(route: string): RouteRow | undefined {
  return (
    ROUTES[route] ?? (DOCS_ROUTE.test(route) || CONSOLE_ROUTE.test(route) ? publicRoute : undefined)
  );
}

function normalisePath(...parts: string[]): string {
  const joined = `/${parts.join('/')}`.replace(/\/+/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

/** The routes Nest built from its controllers' metadata. */
function controllerRoutes(app: NestFastifyApplication): string[] {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  return discovery.getControllers().flatMap(({ metatype, instance }) => {
    if (!metatype || !instance) return [];
    const prefixes = [Reflect.getMetadata(PATH_METADATA, metatype) as string | string[]].flat();
    const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
    return scanner.getAllMethodNames(prototype).flatMap((name) => {
      const handler = prototype[name] as object;
      const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (paths === undefined || method === undefined) return [];
      return prefixes.flatMap((prefix) =>
        [paths].flat().map((path) => `${RequestMethod[method]} ${normalisePath(prefix, path)}`),
      );
    });
  });
}

/** The routes Fastify registered (controllers, Swagger), as its onRoute hook saw them. */
function recordRoutes(app: NestFastifyApplication, into: string[]): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRoute', (route: { method: string | string[]; url: string }) => {
      for (const method of [route.method].flat())
        into.push(`${method} ${normalisePath(route.url)}`);
    });
}

/** Every route the HTTP server answers, whoever registered it, and its not-found handler. */
function serverRoutes(recorded: string[]): string[] {
  const routes = new Set(recorded);
  // Fastify answers HEAD for every GET route with the same handler, guards and all.
  for (const route of recorded) {
    if (route.startsWith('HEAD ') && routes.has(`GET ${route.slice(5)}`)) routes.delete(route);
  }
  return [...routes, NOT_FOUND_HANDLER];
}

describe('HTTP: who may use which route (generated from the route table)', () => {
  let ctx: IntegrationContext;
  let app: NestFastifyApplication;
  const recorded: string[] = [];
  const as = {} as Record<Role, HttpAs>;
  let otherMentor: HttpAs;
  const projectOf = {} as Record<Relation, string>;

  beforeAll(async () => {
    // Admins may sign an audit checkpoint on demand: the deployment needs a signing key.
    ctx = await openIntegrationContext('api-access', {
      AUDIT_SIGNING_KEY: sharedTestAuditSigningKey(),
    });
    app = await bootApi(ctx.config, { beforeConfigure: (nest) => recordRoutes(nest, recorded) });
    const [mentorId, otherMentorId] = await Promise.all([
      createRoomyMentor(ctx.db, 'Access Mentoring Ltd'),
      createRoomyMentor(ctx.db, 'Other Access Mentoring Ltd'),
    ]);
    const [staff, mentor, reviewer, admin, other, dummy] = await Promise.all([
      signedInUser(app, ctx.db, 'staff'),
      signedInUser(app, ctx.db, 'mentor', { mentorId }),
      signedInUser(app, ctx.db, 'reviewer'),
      signedInUser(app, ctx.db, 'admin'),
      signedInUser(app, ctx.db, 'mentor', { mentorId: otherMentorId }),
      signedInUser(app, ctx.db, 'staff'),
    ]);
    Object.assign(as, { staff, mentor, reviewer, admin });
    otherMentor = other;
    dummyUserId = dummy.user.id;

    const mine = { staff, mentor, mentorId };
    const [own, proposed, declined, another] = await Promise.all([
      submitProject(staff),
      submitProject(staff),
      submitProject(staff),
      submitProject(staff),
    ]);
    await Promise.all([
      driveProjectTo(mine, own.projectId, 'INVESTOR_CONTACT'),
      driveProjectTo(mine, proposed.projectId, 'PROPOSED').then(() =>
        decideOk(staff, proposed.projectId, 'hold', bodyOf(d.hold)),
      ),
      driveProjectTo(mine, declined.projectId, 'PROPOSED').then(() =>
        decideOk(mentor, declined.projectId, 'mentor-assignment/decline', bodyOf(d.decline)),
      ),
      driveProjectTo(
        { staff, mentor: other, mentorId: otherMentorId },
        another.projectId,
        'BUSINESS_PLAN',
      ),
    ]);
    Object.assign(projectOf, {
      own: own.projectId,
      proposed: proposed.projectId,
      declined: declined.projectId,
      other: another.projectId,
    });
    for (const relation of RELATIONS) {
      const uploaded = await request(app.getHttpServer())
        .post(`/projects/${projectOf[relation]}/plan-documents`)
        .set('Authorization', `Bearer ${staff.user.token}`)
        .attach('file', pdfFile(2_000), { filename: 'plan.pdf', contentType: 'application/pdf' });
      expect(uploaded.status).toBe(201);
      documentOf[relation] = (uploaded.body as { documentId: string }).documentId;
    }
  });

  afterAll(async () => {
    const users = [...Object.values(as), otherMentor].filter(Boolean).map((who) => who.user.id);
    await ctx?.db.query('UPDATE users SET active = false WHERE id = ANY($1)', [
      [...users, dummyUserId],
    ]);
    await app?.close();
    await ctx?.close();
  });

  const http = () => request(app.getHttpServer());

  function send(
    route: string,
    row: RouteRow,
    token: string | undefined,
    role: Role | undefined,
    relation: Relation | undefined,
  ): Promise<{ response: Response; path: string }> {
    const [method, pattern] = row.probe ? [row.probe.method, row.probe.path()] : route.split(' ');
    const params: Record<string, string> = {
      ...(relation ? { projectId: projectOf[relation] } : {}),
      ...row.params?.(relation),
    };
    const path = pattern.replace(/:(\w+)/g, (_, name: string) => params[name] ?? randomUUID());
    const call = http()[method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete'](path);
    if (token) call.set('Authorization', `Bearer ${token}`);
    const body = row.body?.(role ?? 'staff');
    return (body === undefined ? call : call.send(body)).then((response) => ({ response, path }));
  }

  /** What the answer means for access; a 401 with a valid token or a 5xx is never right. */
  function verdict(response: Response, projectRoute: boolean): Expected | 'wrong' {
    if (response.status === 403) return 403;
    if (response.status === 404 && projectRoute) return 404;
    if (response.status === 401 || response.status >= 500) return 'wrong';
    return 'allow';
  }

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
    const routes = [...new Set([...serverRoutes(recorded), ...controllerRoutes(app)])].sort();
    const mismatches: string[] = [];
    const refusals: { role: Role; method: string; path: string; status: 403 | 404 }[] = [];

    for (const route of routes) {
      const row = rowFor(route);
      if (!row) throw new Error(`no row for ${route}`);
      const projectRoute = route.includes(':projectId');
      const relations = projectRoute ? RELATIONS : [undefined];
      for (const role of ROLES) {
        for (const relation of relations) {
          const token = row.spendsToken ? await signIn(app, as[role].user) : as[role].user.token;
          const { response, path } = await send(route, row, token, role, relation);
          const expected = row.expect(role, relation);
          const got = verdict(response, projectRoute);
          if (got !== expected || (row.answer && response.status !== row.answer)) {
            mismatches.push(
              `${route} as ${role}${relation ? ` on ${relation}` : ''}: expected ${expected}, got ${response.status} ${JSON.stringify(response.body)}`,
            );
          } else if (expected !== 'allow') {
            refusals.push({
              role,
              method: route.split(' ')[0],
              path,
              status: expected,
            });
          }
        }
      }
      // Without a token: 401 on every protected route, the public ones answer.
      const { response: anonymous } = await send(route, row, undefined, undefined, relations[0]);
      const anonymousOk = row.answer
        ? anonymous.status === row.answer
        : row.protected
          ? anonymous.status === 401
          : anonymous.status !== 401;
      if (!anonymousOk || anonymous.status >= 500) {
        mismatches.push(`${route} without a token: got ${anonymous.status}`);
      }
    }
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
