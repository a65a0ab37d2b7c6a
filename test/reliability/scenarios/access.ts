import { createHash, randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { TestingModuleBuilder } from '@nestjs/testing';
import request from 'supertest';
import { generateToken } from '../../../apps/api/src/auth/bearer-tokens';
import {
  AccessFixture,
  accessFixtureUsers,
  openAccessFixture,
  recordRoutes,
  walkAccessMatrix,
} from '../../support/access-matrix';
import { createRoomyMentor, HttpAs, signedInUser } from '../../support/http-client';
import { signIn } from '../../support/test-api';
import type { ReliabilityRig } from '../support/rig';
import { ScenarioTally } from '../support/tally';

/** What a mentor reads in daily work: each answer is searched for every other mentor. */
const MENTOR_READS = (assigned: string, proposed: string[]): string[] => [
  '/me',
  '/me/inbox',
  '/me/notifications',
  '/me/mentor-profile',
  '/projects?limit=100',
  `/projects/${assigned}`,
  `/projects/${assigned}/timeline`,
  `/projects/${assigned}/timeline?format=csv`,
  ...proposed.map((projectId) => `/projects/${projectId}`),
];

interface Check {
  tally: ScenarioTally;
  app: NestFastifyApplication;
}

function leak(tally: ScenarioTally, what: string): void {
  tally.leaks += 1;
  tally.problem(`leak: ${what}`);
}

/**
 * Expired, revoked, malformed, unknown and deactivated users' tokens: each sent to a read, a
 * project read and a decision; anything but a 401 is a leak.
 */
async function badTokens({ tally, app }: Check, fixture: AccessFixture): Promise<void> {
  const db = fixture.db;
  const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
  const expired = generateToken('session');
  await db.query(
    `INSERT INTO auth_tokens (user_id, kind, name, token_hash, created_at, expires_at)
     VALUES ($1, 'session', 'old', $2, now() - interval '2 days', now() - interval '1 day')`,
    [fixture.as.staff.user.id, sha256(expired)],
  );
  const revoked = await signIn(app, fixture.as.staff.user);
  const signedOut = await request(app.getHttpServer())
    .delete('/auth/sessions/current')
    .set('Authorization', `Bearer ${revoked}`);
  if (signedOut.status !== 204) tally.problem(`signing out answered ${signedOut.status}`);
  const leaver = await signedInUser(app, db, 'staff');
  await db.query('UPDATE users SET active = false WHERE id = $1', [leaver.user.id]);

  const headers: Record<string, string> = {
    expired: `Bearer ${expired}`,
    revoked: `Bearer ${revoked}`,
    'of a deactivated user': `Bearer ${leaver.user.token}`,
    'nobody issued': `Bearer ${generateToken('api')}`,
    'of the wrong shape': 'Bearer not-a-token',
    'with nothing after Bearer': 'Bearer ',
    'of another scheme': 'Basic c3RhZmY6cGFzc3dvcmQ=',
    'cut short': `Bearer ${fixture.as.staff.user.token.slice(0, -4)}`,
    'with junk after it': `Bearer ${fixture.as.staff.user.token}%00`,
  };
  const own = fixture.projectOf.own;
  for (const [what, header] of Object.entries(headers)) {
    const calls = {
      'GET /projects': () => request(app.getHttpServer()).get('/projects'),
      'GET /projects/:own': () => request(app.getHttpServer()).get(`/projects/${own}`),
      'POST hold': () =>
        request(app.getHttpServer())
          .post(`/projects/${own}/hold`)
          .send({ decisionId: randomUUID(), reason: 'A token of nobody.' }),
    };
    for (const [call, make] of Object.entries(calls)) {
      tally.checks += 1;
      const response = await make().set('Authorization', header);
      if (response.status >= 500) tally.serverError(response.status, Date.now(), `${call}`);
      if (response.status !== 401) leak(tally, `a token ${what} on ${call}: ${response.status}`);
    }
  }
}

/** Every string of a JSON answer (or the CSV's text), to search for other mentors in. */
function textOf(response: request.Response): string {
  return response.type === 'application/json' ? JSON.stringify(response.body) : response.text;
}

/**
 * A mentor's answers carry no other mentor: every other mentor record's id and name (as a
 * whole word) is searched for in each of the mentor's daily reads.
 */
async function noOtherMentor(
  { tally }: Check,
  fixture: AccessFixture,
  reader: HttpAs,
  assigned: string,
  proposed: string[] = [],
): Promise<void> {
  const others = (
    await fixture.db.query<{ id: string; name: string }>(
      'SELECT id::text AS id, name FROM mentors WHERE id <> $1',
      [reader.user.mentorId],
    )
  ).rows;
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const patterns = others.flatMap((mentor) => [
    { what: `id of ${mentor.name}`, pattern: new RegExp(escape(mentor.id), 'i') },
    {
      what: `name ${mentor.name}`,
      pattern: new RegExp(`(?<![\\w])${escape(mentor.name)}(?![\\w])`),
    },
  ]);
  for (const path of MENTOR_READS(assigned, proposed)) {
    const [pathname, query] = path.split('?');
    const response = await reader.get(
      pathname,
      Object.fromEntries(new URLSearchParams(query ?? '')),
    );
    tally.checks += 1;
    if (response.status !== 200) {
      tally.problem(`the mentor's GET ${path} answered ${response.status}`);
      continue;
    }
    const text = textOf(response);
    for (const { what, pattern } of patterns) {
      if (pattern.test(text)) leak(tally, `the mentor's GET ${path} carries the ${what}`);
    }
  }
}

/**
 * Staff replace the mentor of the mentor's own project; the very next requests of the old
 * mentor (read, timeline, document, list, a decision) are refused as another's project, and
 * the new mentor reads it.
 */
async function replacedMentor(
  { tally }: Check,
  fixture: AccessFixture,
  app: NestFastifyApplication,
): Promise<HttpAs> {
  const { staff, mentor } = fixture.as;
  const projectId = fixture.projectOf.own;
  const before = await mentor.get(`/projects/${projectId}`);
  if (before.status !== 200)
    tally.problem(`before the replacement the mentor read ${before.status}`);
  const newMentorId = await createRoomyMentor(fixture.db, 'Reliability replacing mentor');
  const newMentor = await signedInUser(app, fixture.db, 'mentor', { mentorId: newMentorId });
  const replaced = await staff.decide(projectId, 'mentor-replacement', {
    mentorId: newMentorId,
    reason: 'The mentor moved abroad.',
  });
  if (replaced.status !== 200) {
    tally.problem(
      `mentor-replacement answered ${replaced.status} ${JSON.stringify(replaced.body)}`,
    );
    return newMentor;
  }
  const refusedAtOnce = {
    'GET the project': () => mentor.get(`/projects/${projectId}`),
    'GET its timeline': () => mentor.get(`/projects/${projectId}/timeline`),
    'GET its plan document': () =>
      mentor.get(`/projects/${projectId}/plan-documents/${fixture.documentOf.own}`),
    'POST a note': () => mentor.decide(projectId, 'notes', { comment: 'Still here?' }),
    'POST a sign-off': () => mentor.decide(projectId, 'investment-sign-offs', {}),
  };
  for (const [what, send] of Object.entries(refusedAtOnce)) {
    tally.checks += 1;
    const response = await send();
    if (response.status >= 500) tally.serverError(response.status, Date.now(), what);
    if (response.status !== 404) {
      leak(
        tally,
        `the replaced mentor's ${what}: ${response.status} ${JSON.stringify(response.body)}`,
      );
    }
  }
  tally.checks += 1;
  const listed = await mentor.get('/projects', { limit: '100' });
  const ids = ((listed.body as { items?: { projectId: string }[] }).items ?? []).map(
    (item) => item.projectId,
  );
  if (ids.includes(projectId)) leak(tally, `the replaced mentor's list still shows ${projectId}`);
  const taken = await newMentor.get(`/projects/${projectId}`);
  if (taken.status !== 200) tally.problem(`the new mentor read the project: ${taken.status}`);
  return newMentor;
}

/**
 * Access: the router-generated matrix (every route × role × own/proposed/declined/other
 * project, and no token), bad tokens, a replaced mentor, and a search of mentors' answers for
 * every other mentor. A leak is an answer that gave what it should not.
 */
export async function access(
  rig: ReliabilityRig,
  options: {
    scenario?: string;
    customise?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
    /** The matrix over the project reads alone (the bite's quick run). */
    matrixOnly?: boolean;
  } = {},
): Promise<ScenarioTally> {
  const tally = new ScenarioTally(
    options.scenario ?? 'access: route × role × project matrix, tokens, mentors',
  );
  const recorded: string[] = [];
  const api = await rig.startApiInProcess(options.customise, {}, (nest) =>
    recordRoutes(nest, recorded),
  );
  const worker = rig.startWorker();
  let fixture: AccessFixture | undefined;
  try {
    await rig.waitForWorker(worker);
    fixture = await openAccessFixture(api.app, rig.db, 'Reliability access');
    const check: Check = { tally, app: api.app };
    const walk = await walkAccessMatrix(
      api.app,
      fixture,
      recorded,
      options.matrixOnly ? (route) => route.startsWith('GET /projects/:projectId') : undefined,
    );
    tally.checks += walk.requests;
    for (const what of walk.leaks) leak(tally, what);
    for (const what of walk.mismatches.filter((m) => !walk.leaks.includes(m))) {
      tally.problem(`not as the table says: ${what}`);
    }
    for (const what of walk.serverErrors) tally.serverError(500, Date.now(), what);
    tally.notes.push(`${walk.requests} matrix requests, ${walk.refusals.length} refusals`);
    if (options.matrixOnly) return tally;
    await badTokens(check, fixture);
    await noOtherMentor(check, fixture, fixture.as.mentor, fixture.projectOf.own, [
      fixture.projectOf.proposed,
    ]);
    const newMentor = await replacedMentor(check, fixture, api.app);
    await noOtherMentor(check, fixture, newMentor, fixture.projectOf.own);
    return tally;
  } finally {
    await rig.db
      .query('UPDATE users SET active = false WHERE id = ANY($1)', [accessFixtureUsers(fixture)])
      .catch(() => undefined);
    await api.close();
    await worker.stop();
  }
}
