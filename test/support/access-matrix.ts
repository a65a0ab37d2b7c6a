import { randomUUID } from 'node:crypto';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Pool } from 'pg';
import request, { Response } from 'supertest';
import type { ActorRole } from '@app/domain';
import { bodyOf, decideOk, driveProjectTo, submitProject } from './api-projects';
import { d } from './fixtures';
import { createRoomyMentor, HttpAs, signedInUser } from './http-client';
import { pdfFile } from './plan-document-files';
import { signIn } from './test-api';

/*
 * The access matrix, generated from the router: every route the server answers × every role
 * × how the project relates to the caller. The table below says who may pass; a route the
 * server answers without a row fails (so a new route cannot be forgotten). Used by the
 * api-access integration suite and by the reliability suite's access scenario.
 */

export const ROLES = [
  'staff',
  'mentor',
  'reviewer',
  'admin',
] as const satisfies readonly ActorRole[];
export type Role = (typeof ROLES)[number];

/**
 * How a project relates to the signed-in mentor: assigned to them, proposed to them, declined
 * by them, or another mentor's. For other roles the relation changes nothing, which is checked.
 */
export const RELATIONS = ['own', 'proposed', 'declined', 'other'] as const;
export type Relation = (typeof RELATIONS)[number];

export type Expected = 'allow' | 403 | 404;

export interface RouteRow {
  /** Who may pass access control; the rest are refused with the status given. */
  expect: (role: Role, relation: Relation | undefined) => Expected;
  /** False for the routes anyone may call without a token. */
  protected: boolean;
  /** The body sent by this role: one that passes validation where the access decision needs it. */
  body?: (role: Role) => object;
  /** Values for path parameters other than :projectId (some depend on the project). */
  params?: (relation: Relation | undefined, fixture: AccessFixture) => Record<string, string>;
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
export const ROUTES: Record<string, RouteRow> = {
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
    params: (_, fixture) => ({ id: fixture.dummyUserId }),
  },
  'POST /admin/users/:id/api-tokens': {
    ...only('admin'),
    body: () => ({}),
    params: (_, fixture) => ({ id: fixture.dummyUserId }),
  },
  'GET /admin/users/:id/api-tokens': {
    ...only('admin'),
    params: (_, fixture) => ({ id: fixture.dummyUserId }),
  },
  'DELETE /admin/api-tokens/:id': { ...only('admin'), params: () => ({ id: randomUUID() }) },
  'POST /projects': { ...only('staff', 'admin'), body: () => ({}) },
  'GET /projects': anyoneSignedIn,
  'GET /projects/stage-counts': anyoneSignedIn,
  'GET /projects/board': anyoneSignedIn,
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
    params: (relation, fixture) => ({
      documentId: relation ? fixture.documentOf[relation] : randomUUID(),
    }),
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

export function rowFor(route: string): RouteRow | undefined {
  return (
    ROUTES[route] ?? (DOCS_ROUTE.test(route) || CONSOLE_ROUTE.test(route) ? publicRoute : undefined)
  );
}

function normalisePath(...parts: string[]): string {
  const joined = `/${parts.join('/')}`.replace(/\/+/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

/** The routes Nest built from its controllers' metadata. */
export function controllerRoutes(app: NestFastifyApplication): string[] {
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
export function recordRoutes(app: NestFastifyApplication, into: string[]): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRoute', (route: { method: string | string[]; url: string }) => {
      for (const method of [route.method].flat())
        into.push(`${method} ${normalisePath(route.url)}`);
    });
}

/** Every route the HTTP server answers, whoever registered it, and its not-found handler. */
export function serverRoutes(recorded: string[]): string[] {
  const routes = new Set(recorded);
  // Fastify answers HEAD for every GET route with the same handler, guards and all.
  for (const route of recorded) {
    if (route.startsWith('HEAD ') && routes.has(`GET ${route.slice(5)}`)) routes.delete(route);
  }
  return [...routes, NOT_FOUND_HANDLER];
}

/** The people and projects the matrix is walked with: one project per relation. */
export interface AccessFixture {
  db: Pool;
  as: Record<Role, HttpAs>;
  /** A mentor of another mentor record, to whom `other` belongs. */
  otherMentor: HttpAs;
  mentorId: string;
  otherMentorId: string;
  projectOf: Record<Relation, string>;
  /** One uploaded plan document per project, so a download reaches the access decision. */
  documentOf: Record<Relation, string>;
  /** A user the admin routes may be pointed at. */
  dummyUserId: string;
}

/**
 * Signs in one user per role (and a second mentor), and places four projects: the mentor's
 * own at INVESTOR_CONTACT, one proposed to them (on hold, so nothing the matrix sends moves
 * it), one they declined, and another mentor's at BUSINESS_PLAN; each with a plan document.
 */
export async function openAccessFixture(
  app: NestFastifyApplication,
  db: Pool,
  label = 'Access',
): Promise<AccessFixture> {
  const [mentorId, otherMentorId] = await Promise.all([
    createRoomyMentor(db, `${label} Mentoring Ltd`),
    createRoomyMentor(db, `Other ${label} Mentoring Ltd`),
  ]);
  const [staff, mentor, reviewer, admin, otherMentor, dummy] = await Promise.all([
    signedInUser(app, db, 'staff'),
    signedInUser(app, db, 'mentor', { mentorId }),
    signedInUser(app, db, 'reviewer'),
    signedInUser(app, db, 'admin'),
    signedInUser(app, db, 'mentor', { mentorId: otherMentorId }),
    signedInUser(app, db, 'staff'),
  ]);
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
      { staff, mentor: otherMentor, mentorId: otherMentorId },
      another.projectId,
      'BUSINESS_PLAN',
    ),
  ]);
  const projectOf: Record<Relation, string> = {
    own: own.projectId,
    proposed: proposed.projectId,
    declined: declined.projectId,
    other: another.projectId,
  };
  const documentOf = {} as Record<Relation, string>;
  for (const relation of RELATIONS) {
    const uploaded = await staff.upload(
      `/projects/${projectOf[relation]}/plan-documents`,
      pdfFile(2_000),
      'plan.pdf',
      'application/pdf',
    );
    if (uploaded.status !== 201) {
      throw new Error(`the ${relation} project's plan upload answered ${uploaded.status}`);
    }
    documentOf[relation] = (uploaded.body as { documentId: string }).documentId;
  }
  return {
    db,
    as: { staff, mentor, reviewer, admin },
    otherMentor,
    mentorId,
    otherMentorId,
    projectOf,
    documentOf,
    dummyUserId: dummy.user.id,
  };
}

/** The users the fixture created, to deactivate once done. */
export function accessFixtureUsers(fixture: AccessFixture | undefined): string[] {
  if (!fixture) return [];
  return [...Object.values(fixture.as), fixture.otherMentor]
    .map((who) => who.user.id)
    .concat(fixture.dummyUserId);
}

/** What the answer means for access; a 401 with a valid token or a 5xx is never right. */
function verdict(response: Response, projectRoute: boolean): Expected | 'wrong' {
  if (response.status === 403) return 403;
  if (response.status === 404 && projectRoute) return 404;
  if (response.status === 401 || response.status >= 500) return 'wrong';
  return 'allow';
}

function send(
  app: NestFastifyApplication,
  fixture: AccessFixture,
  route: string,
  row: RouteRow,
  token: string | undefined,
  role: Role | undefined,
  relation: Relation | undefined,
): Promise<{ response: Response; path: string }> {
  const [method, pattern] = row.probe ? [row.probe.method, row.probe.path()] : route.split(' ');
  const params: Record<string, string> = {
    ...(relation ? { projectId: fixture.projectOf[relation] } : {}),
    ...row.params?.(relation, fixture),
  };
  const path = pattern.replace(/:(\w+)/g, (_, name: string) => params[name] ?? randomUUID());
  const call = request(app.getHttpServer())[
    method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete'
  ](path);
  if (token) call.set('Authorization', `Bearer ${token}`);
  const body = row.body?.(role ?? 'staff');
  return (body === undefined ? call : call.send(body)).then((response) => ({ response, path }));
}

export interface Refusal {
  role: Role;
  method: string;
  path: string;
  status: 403 | 404;
}

export interface MatrixWalk {
  /** Requests sent. */
  requests: number;
  /** Every answer that differs from the table, in words. */
  mismatches: string[];
  /** The mismatches that gave what the table refuses (passed access control, or no token). */
  leaks: string[];
  /** Answers ≥ 500, in words. */
  serverErrors: string[];
  /** The refusals the table expects and the server gave (each should be in the security log). */
  refusals: Refusal[];
}

/** Every route the server answers or a controller declares, sorted. */
export function matrixRoutes(app: NestFastifyApplication, recorded: string[]): string[] {
  return [...new Set([...serverRoutes(recorded), ...controllerRoutes(app)])].sort();
}

/**
 * Sends every route × role × project relation (and each route without a token) once, and
 * holds each answer against the table. `recorded` holds the routes `recordRoutes` saw.
 */
export async function walkAccessMatrix(
  app: NestFastifyApplication,
  fixture: AccessFixture,
  recorded: string[],
  /** Only these routes (a bite's quick walk); every route by default. */
  only: (route: string) => boolean = () => true,
): Promise<MatrixWalk> {
  const walk: MatrixWalk = {
    requests: 0,
    mismatches: [],
    leaks: [],
    serverErrors: [],
    refusals: [],
  };
  const sent = async (
    route: string,
    row: RouteRow,
    token: string | undefined,
    role: Role | undefined,
    relation: Relation | undefined,
  ) => {
    walk.requests += 1;
    const answer = await send(app, fixture, route, row, token, role, relation);
    if (answer.response.status >= 500) {
      walk.serverErrors.push(`${route} as ${role ?? 'nobody'}: ${answer.response.status}`);
    }
    return answer;
  };
  for (const route of matrixRoutes(app, recorded).filter(only)) {
    const row = rowFor(route);
    if (!row) throw new Error(`no row for ${route}`);
    const projectRoute = route.includes(':projectId');
    const relations = projectRoute ? RELATIONS : [undefined];
    // One route's requests at once (they differ in caller or project, so none waits on
    // another's effect); the routes one after another.
    const cells = ROLES.flatMap((role) => relations.map((relation) => ({ role, relation })));
    const answers = await Promise.all(
      cells.map(async ({ role, relation }) => {
        const token = row.spendsToken
          ? await signIn(app, fixture.as[role].user)
          : fixture.as[role].user.token;
        return sent(route, row, token, role, relation);
      }),
    );
    cells.forEach(({ role, relation }, index) => {
      const { response, path } = answers[index];
      const expected = row.expect(role, relation);
      const got = verdict(response, projectRoute);
      if (got !== expected || (row.answer && response.status !== row.answer)) {
        const what = `${route} as ${role}${relation ? ` on ${relation}` : ''}: expected ${expected}, got ${response.status} ${JSON.stringify(response.body)}`;
        walk.mismatches.push(what);
        if (expected !== 'allow' && got === 'allow') walk.leaks.push(what);
      } else if (expected !== 'allow') {
        walk.refusals.push({ role, method: route.split(' ')[0], path, status: expected });
      }
    });
    // Without a token: 401 on every protected route, the public ones answer.
    const { response: anonymous } = await sent(route, row, undefined, undefined, relations[0]);
    const anonymousOk = row.answer
      ? anonymous.status === row.answer
      : row.protected
        ? anonymous.status === 401
        : anonymous.status !== 401;
    if (!anonymousOk || anonymous.status >= 500) {
      const what = `${route} without a token: got ${anonymous.status}`;
      walk.mismatches.push(what);
      // Past the token check: answered, or judged the body (a validation or business refusal).
      if (row.protected && (anonymous.status < 400 || [400, 409, 422].includes(anonymous.status))) {
        walk.leaks.push(what);
      }
    }
  }
  return walk;
}
