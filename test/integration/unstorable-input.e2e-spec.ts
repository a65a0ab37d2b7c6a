import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Response } from 'supertest';
import { bodyOf, decideOk, submitProject, SubmittedApiProject } from '../support/api-projects';
import { d, sampleApplication, uniqueSuffix } from '../support/fixtures';
import { recordHistoryFixture } from '../support/history-fixtures';
import { createRoomyMentor, HttpAs, signedInUser } from '../support/http-client';
import { IntegrationContext, openIntegrationContext } from '../support/integration-context';
import { rawHttpRequest, requestHead } from '../support/raw-http';
import { bootApi } from '../support/test-api';

/** The two kinds of character PostgreSQL cannot store, as a JSON body carries them. */
const UNSTORABLE = { nul: 'a\u0000b', 'lone surrogate': 'a\uD800b' } as const;
/** The same in a URL: NUL, and the UTF-8-like bytes of a lone surrogate (not valid UTF-8). */
const UNSTORABLE_IN_URL = { nul: 'a%00b', 'lone surrogate': 'a%ED%A0%80b' } as const;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Every string leaf of `value`, by its path as the domain names fields (`a.b[0].c`). */
function stringPaths(value: Json, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringPaths(item, `${prefix}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) =>
      stringPaths(item, prefix === '' ? key : `${prefix}.${key}`),
    );
  }
  return [];
}

function withStringAt(value: Json, path: string, text: string, prefix = ''): Json {
  if (typeof value === 'string') return prefix === path ? text : value;
  if (Array.isArray(value)) {
    return value.map((item, i) => withStringAt(item, path, text, `${prefix}[${i}]`));
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        withStringAt(item, path, text, prefix === '' ? key : `${prefix}.${key}`),
      ]),
    );
  }
  return value;
}

function expectFieldRefused(
  response: Response | { status: number; body: unknown },
  field: string,
  status = 400,
) {
  const body = response.body as { field?: string; problems?: { field: string }[] };
  // The edge names one field; the validation pipe lists its problems, each with its field.
  const named = body.field ?? body.problems?.[0]?.field;
  expect({ status: response.status, field: named }).toEqual({ status, field });
}

describe('HTTP: U+0000 and lone surrogates are refused at the edge, naming the field', () => {
  let ctx: IntegrationContext;
  let app: NestFastifyApplication;
  let port: number;
  let staff: HttpAs;
  let admin: HttpAs;
  let mentor: HttpAs;
  let mentorId: string;
  let project: SubmittedApiProject;

  beforeAll(async () => {
    ctx = await openIntegrationContext('unstorable-input');
    app = await bootApi(ctx.config);
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as AddressInfo).port;
    mentorId = await createRoomyMentor(ctx.db, 'Unstorable Mentoring Ltd');
    [staff, admin, mentor] = await Promise.all([
      signedInUser(app, ctx.db, 'staff'),
      signedInUser(app, ctx.db, 'admin'),
      signedInUser(app, ctx.db, 'mentor', { mentorId }),
    ]);
    project = await submitProject(staff);
  });

  afterAll(async () => {
    await app?.close();
    await ctx?.close();
  });

  const decisionBodies: [string, Json][] = [
    ['screening', { outcome: 'return', comment: 'Add the patent numbers.' }],
    [
      'resubmission',
      { application: sampleApplication('resubmit') as unknown as Json, comment: 'Done.' },
    ],
    ['mentor-assignment', { mentorId: randomUUID(), comment: 'Best fit.' }],
    ['mentor-assignment/accept', { comment: 'Glad to.' }],
    ['mentor-assignment/decline', { reason: 'No time.' }],
    ['plan-versions', { documentId: randomUUID(), summaries: { ...d.plan(1).summaries } }],
    ['plan-review/approve', { comment: 'Good.' }],
    ['plan-review/request-revision', { comment: 'Tighten it.' }],
    ['investor-contacts', bodyOf(d.contact()) as Json],
    ['investor-contacts/amendments', { ...(bodyOf(d.contact()) as object), reason: 'Typo.' }],
    ['investment-sign-offs', { comment: 'Signed.' }],
    ['company', bodyOf(d.company()) as Json],
    ['company/amendments', { ...(bodyOf(d.company()) as object), reason: 'Typo.' }],
    ['incubation-approval', { comment: 'Well done.' }],
    ['withdrawal', { reason: 'The team left.' }],
    ['mentor-replacement', { mentorId: randomUUID(), reason: 'Moved abroad.' }],
    [
      'deadline-extensions',
      { action: 'screenApplication', byDuration: { workingDays: 2 }, reason: 'Holidays.' },
    ],
    ['extra-revision-round', { reason: 'Close to done.' }],
    ['hold', { reason: 'Patent dispute.' }],
    ['resume', { reason: 'Settled.' }],
  ];

  it('refuses them in every string field of every decision body, and the project stays decidable', async () => {
    const before = await staff.get(`/projects/${project.projectId}`);
    for (const [action, sample] of decisionBodies) {
      const body = { decisionId: randomUUID(), ...(sample as object) } as Json;
      for (const path of stringPaths(body)) {
        for (const [kind, text] of Object.entries(UNSTORABLE)) {
          const response = await staff.post(
            `/projects/${project.projectId}/${action}`,
            withStringAt(body, path, text) as object,
          );
          try {
            expectFieldRefused(response, path);
          } catch (error) {
            throw new Error(`${action} ${path} (${kind}): ${String(error)}`, { cause: error });
          }
        }
      }
    }
    const after = await staff.get(`/projects/${project.projectId}`);
    expect((after.body as { version: number }).version).toBe(
      (before.body as { version: number }).version,
    );
    await decideOk(staff, project.projectId, 'screening', bodyOf(d.accept));
    // The capacity-gated re-judge now also refuses unstorable text (behind a patch marker):
    // a history of that path for the replay test.
    await decideOk(staff, project.projectId, 'mentor-assignment', { mentorId });
    await decideOk(mentor, project.projectId, 'mentor-assignment/accept', {});
    await recordHistoryFixture(
      ctx.client.workflow.getHandle(project.workflowId),
      'mentor-accepted-storable-text-rule',
    );
  });

  it('refuses them in every string field of POST /projects, creating nothing', async () => {
    const application = sampleApplication(uniqueSuffix()) as unknown as Json;
    for (const path of stringPaths(application)) {
      for (const text of Object.values(UNSTORABLE)) {
        const response = await staff.post(
          '/projects',
          withStringAt(application, path, text) as object,
          {
            'Idempotency-Key': `unstorable-${uniqueSuffix()}`,
          },
        );
        expectFieldRefused(response, path);
      }
    }
    const college = (application as { college: string }).college;
    const rows = await ctx.db.query('SELECT 1 FROM projects WHERE college = $1', [college]);
    expect(rows.rowCount).toBe(0);
  });

  it('refuses them in the mentor and user routes and in sign-in', async () => {
    const cases: [string, string, HttpAs | null, Json][] = [
      [
        'post',
        '/mentors',
        staff,
        {
          name: 'Dr Wu',
          organisation: 'Wu Labs',
          capacity: 2,
          expertiseTags: ['optics'],
          declaredConflicts: ['Acme'],
          email: 'wu@example.com',
        },
      ],
      [
        'patch',
        `/mentors/${mentorId}`,
        staff,
        {
          name: 'Dr Wu',
          organisation: 'Wu Labs',
          expertiseTags: ['optics'],
          declaredConflicts: ['Acme'],
        },
      ],
      [
        'patch',
        '/me/mentor-profile',
        mentor,
        { expertiseTags: ['optics'], declaredConflicts: ['Acme'] },
      ],
      [
        'post',
        '/admin/users',
        admin,
        {
          username: `u-${uniqueSuffix()}`,
          displayName: 'New One',
          role: 'staff',
          password: 'a-long-password-1',
        },
      ],
      ['patch', `/admin/users/${staff.user.id}`, admin, { displayName: 'Renamed' }],
      ['post', `/admin/users/${staff.user.id}/api-tokens`, admin, { name: 'ci' }],
      ['patch', '/me/notification-preferences', staff, { language: 'en' }],
      [
        'post',
        '/auth/sessions',
        null,
        { username: staff.user.username, password: 'whatever-password' },
      ],
    ];
    for (const [method, path, who, body] of cases) {
      for (const field of stringPaths(body)) {
        for (const text of Object.values(UNSTORABLE)) {
          const sent = withStringAt(body, field, text) as object;
          const response =
            who === null
              ? await rawJson(method, path, sent)
              : method === 'post'
                ? await who.post(path, sent)
                : await who.patch(path, sent);
          try {
            expectFieldRefused(response, field);
          } catch (error) {
            throw new Error(`${method} ${path} ${field}: ${String(error)}`, { cause: error });
          }
        }
      }
    }
    const rows = await ctx.db.query(`SELECT 1 FROM mentors WHERE name LIKE 'Dr Wu%'`);
    expect(rows.rowCount).toBe(0);
  });

  async function rawJson(method: string, path: string, body: object) {
    const text = JSON.stringify(body);
    return rawHttpRequest(
      port,
      requestHead(
        method.toUpperCase(),
        path,
        [['Content-Type', 'application/json']],
        Buffer.byteLength(text),
      ),
      text,
    );
  }

  it('refuses a cursor whose parts are not a time (or title) and a uuid, and a non-uuid mentorId', async () => {
    // ["x","y"]: two strings, neither a time nor a uuid; then a good time with a bad id.
    const forged = [
      Buffer.from(JSON.stringify(['x', 'y'])).toString('base64url'),
      Buffer.from(JSON.stringify(['2026-12-01 10:00:00+00', 'y'])).toString('base64url'),
      Buffer.from(JSON.stringify(['2026-02-30 10:00:00+00', randomUUID()])).toString('base64url'),
    ];
    expect(forged[0]).toBe('WyJ4IiwieSJd');
    for (const cursor of forged) {
      for (const sort of ['updatedAt', 'createdAt', 'nextDueAt']) {
        // A cursor this API did not give out: a 422 (a rule, not the form of the string).
        expectFieldRefused(await staff.get('/projects', { cursor, sort }), 'cursor', 422);
      }
    }
    expectFieldRefused(
      await staff.get('/projects', { cursor: forged[1], sort: 'title' }),
      'cursor',
      422,
    );
    expectFieldRefused(await staff.get('/projects', { mentorId: 'not-a-mentor' }), 'mentorId');
    // The same class of bug elsewhere: a year past int4, a day that does not exist.
    expectFieldRefused(
      await admin.get('/admin/calendar-overrides', { year: '99999999999' }),
      'year',
    );
    expectFieldRefused(
      await admin.put('/admin/calendar-overrides', {
        date: '2027-02-30',
        kind: 'holiday',
        note: 'No such day.',
      }),
      'date',
    );
    // A cursor the API gave out still pages, for every sort.
    for (const sort of ['updatedAt', 'createdAt', 'nextDueAt', 'title']) {
      const first = await staff.get('/projects', { sort, limit: '1' });
      const next = (first.body as { nextCursor: string | null }).nextCursor;
      if (next)
        expect((await staff.get('/projects', { sort, limit: '1', cursor: next })).status).toBe(200);
    }
  });

  it('refuses them in every query parameter the API reads', async () => {
    const queries: [string, string[], HttpAs][] = [
      [
        '/projects',
        [
          'stage',
          'status',
          'college',
          'mentorId',
          'needsAttention',
          'overdue',
          'q',
          'sort',
          'order',
          'cursor',
          'limit',
        ],
        staff,
      ],
      ['/mentors', ['page', 'pageSize', 'active'], staff],
      ['/admin/users', ['page', 'pageSize', 'role'], admin],
      ['/me/inbox', ['page', 'pageSize'], staff],
      ['/me/notifications', ['page', 'pageSize', 'unread'], staff],
      ['/security-events', ['reason', 'userId', 'username', 'cursor', 'limit'], admin],
      ['/audit/export', ['from', 'to', 'format'], admin],
      [`/projects/${project.projectId}/timeline`, ['format'], staff],
      [`/projects/${project.projectId}/history`, ['run'], staff],
      ['/admin/calendar-overrides', ['year'], admin],
    ];
    for (const [path, names, who] of queries) {
      for (const name of names) {
        for (const text of Object.values(UNSTORABLE_IN_URL)) {
          const response = await rawGet(`${path}?${name}=${text}`, who);
          try {
            expectFieldRefused(response, name);
          } catch (error) {
            throw new Error(`${path}?${name}=${text}: ${String(error)}`, { cause: error });
          }
        }
      }
    }
  });

  function rawGet(path: string, who: HttpAs) {
    return rawHttpRequest(
      port,
      requestHead('GET', path, [['Authorization', `Bearer ${who.user.token}`]]),
    );
  }

  it('refuses them in path parameters', async () => {
    const paths: [string, string, string, HttpAs][] = [
      ['GET', '/projects/{}', 'projectId', staff],
      ['GET', '/projects/{}/timeline', 'projectId', staff],
      ['POST', '/projects/{}/screening', 'projectId', staff],
      ['GET', '/mentors/{}', 'mentorId', staff],
      ['GET', '/me/notifications/{}', 'notificationId', staff],
      ['GET', `/projects/${project.projectId}/plan-documents/{}`, 'documentId', staff],
      ['DELETE', '/admin/calendar-overrides/{}', 'date', admin],
    ];
    for (const [method, template, name, who] of paths) {
      for (const text of Object.values(UNSTORABLE_IN_URL)) {
        const response = await rawHttpRequest(
          port,
          requestHead(method, template.replace('{}', text), [
            ['Authorization', `Bearer ${who.user.token}`],
          ]),
        );
        try {
          expectFieldRefused(response, name);
        } catch (error) {
          throw new Error(`${method} ${template} ${text}: ${String(error)}`, { cause: error });
        }
      }
    }
  });

  it('refuses them in the headers the API reads', async () => {
    const application = JSON.stringify(sampleApplication(uniqueSuffix()));
    const values = {
      nul: Buffer.from('key\u0000x', 'latin1'),
      'lone surrogate': Buffer.from([0x6b, 0xed, 0xa0, 0x80]),
    };
    for (const value of Object.values(values)) {
      const keyAnswer = await rawHttpRequest(
        port,
        requestHead(
          'POST',
          '/projects',
          [
            ['Authorization', `Bearer ${staff.user.token}`],
            ['Content-Type', 'application/json'],
            ['Idempotency-Key', value],
          ],
          Buffer.byteLength(application),
        ),
        application,
      );
      expectFieldRefused(keyAnswer, 'Idempotency-Key');
      const tokenAnswer = await rawHttpRequest(
        port,
        requestHead('GET', '/projects', [
          ['Authorization', Buffer.concat([Buffer.from('Bearer '), value])],
        ]),
      );
      expectFieldRefused(tokenAnswer, 'Authorization');
    }
  });
});
