import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import * as classTransformer from 'class-transformer';
import request, { Response } from 'supertest';
import { MAX_BODY_DEPTH, MAX_BODY_ITEMS } from '../../apps/api/src/http/body-limits';
import { submitProject } from '../support/api-projects';
import { createRoomyMentor, HttpAs, signedInUser } from '../support/http-client';
import { IntegrationContext, openIntegrationContext } from '../support/integration-context';
import { docxWithMacros, pdfPolyglot, zipBombDocx } from '../support/hostile-documents';
import { pdfFile } from '../support/plan-document-files';
import { bootApi } from '../support/test-api';

/** `{"a":{"a":…{}…}}` as text: JSON.stringify itself would overflow its stack at 10,000. */
function nested(levels: number): string {
  return `${'{"a":'.repeat(levels)}{}${'}'.repeat(levels)}`;
}

/** The headers every answer carries, whatever its content type. */
function expectSecurityHeaders(response: Response): void {
  expect(response.headers).toEqual(
    expect.objectContaining({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
      'content-security-policy': expect.stringContaining("frame-ancestors 'none'"),
    }),
  );
  expect(response.headers['x-powered-by']).toBeUndefined();
  // Plain HTTP here: HSTS is sent only over TLS.
  expect(response.headers['strict-transport-security']).toBeUndefined();
}

describe('HTTP: the edge holds against hostile clients', () => {
  let ctx: IntegrationContext;
  let app: NestFastifyApplication;
  let staff: HttpAs;
  let reviewer: HttpAs;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    ctx = await openIntegrationContext('hardened-edge');
    app = await bootApi(ctx.config);
    await createRoomyMentor(ctx.db, 'Edge Mentoring Ltd');
    [staff, reviewer] = await Promise.all([
      signedInUser(app, ctx.db, 'staff'),
      signedInUser(app, ctx.db, 'reviewer'),
    ]);
  });

  afterAll(async () => {
    await app?.close();
    await ctx?.close();
  });

  afterEach(() => jest.restoreAllMocks());

  it('refuses deep nesting (even on the open sign-in) before class-transformer runs', async () => {
    const transform = jest.spyOn(classTransformer, 'plainToInstance');
    const deep = await http()
      .post('/auth/sessions')
      .set('Content-Type', 'application/json')
      .send(`{"username":"x","password":${nested(10_000)}}`);
    expect(deep.status).toBe(400);
    expect(deep.body).toEqual(
      expect.objectContaining({ rule: 'max-depth', message: expect.stringContaining('deeper') }),
    );
    expect(transform).not.toHaveBeenCalled();
    // Just inside the limit, the DTO's own validation answers (so the check is the depth).
    const shallow = await http()
      .post('/auth/sessions')
      .set('Content-Type', 'application/json')
      .send(`{"username":"x","password":${nested(MAX_BODY_DEPTH - 2)}}`);
    expect(shallow.status).toBe(400);
    expect(shallow.body.rule).toBeUndefined();
    expect(transform).toHaveBeenCalled();
  });

  it('refuses a list of 60,000 empty objects before any item is transformed or validated', async () => {
    const transform = jest.spyOn(classTransformer, 'plainToInstance');
    const huge = await staff.post(
      '/projects',
      { title: 'Huge', teamMembers: Array.from({ length: 60_000 }, () => ({})) },
      { 'Idempotency-Key': `huge-${Date.now()}` },
    );
    expect(huge.status).toBe(400);
    expect(huge.body).toEqual(
      expect.objectContaining({
        rule: 'max-items',
        field: 'teamMembers',
        message: expect.stringContaining(`at most ${MAX_BODY_ITEMS}`),
      }),
    );
    expect(transform).not.toHaveBeenCalled();
  });

  it('accepts only JSON on JSON routes: a form-encoded sign-in is 415', async () => {
    const form = await http()
      .post('/auth/sessions')
      .type('form')
      .send({ username: staff.user.username, password: staff.user.password });
    expect(form.status).toBe(415);
    expect(form.body).toEqual(expect.objectContaining({ statusCode: 415 }));
    const text = await http()
      .post('/auth/sessions')
      .set('Content-Type', 'text/plain')
      .send(JSON.stringify({ username: staff.user.username, password: staff.user.password }));
    expect(text.status).toBe(415);
    const multipart = await http()
      .post('/auth/sessions')
      .field('username', staff.user.username)
      .field('password', staff.user.password);
    expect(multipart.status).toBe(415);
    expect(multipart.body).toEqual(expect.objectContaining({ rule: 'media-type' }));
  });

  it('answers a method a path does not have with 405 and Allow', async () => {
    const response = await http()
      .delete('/projects')
      .set('Authorization', `Bearer ${staff.user.token}`);
    expect(response.status).toBe(405);
    expect(response.headers.allow).toMatch(/GET.*POST/);
    expect(response.body).toEqual(expect.objectContaining({ rule: 'method-not-allowed' }));
    expect((await http().get('/no-such-route')).status).toBe(404);
    // A path of its own (POST only), though GET /me/notifications/:notificationId matches it.
    const readAll = await staff.get('/me/notifications/read-all');
    expect([readAll.status, readAll.headers.allow]).toEqual([405, 'POST']);
  });

  it('sends the security headers and no-store on a JSON, a CSV and a document answer', async () => {
    const json = await reviewer.get('/me');
    expect(json.status).toBe(200);
    expectSecurityHeaders(json);

    const project = await submitProject(staff);
    const csv = await reviewer.get(`/projects/${project.projectId}/timeline`, { format: 'csv' });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expectSecurityHeaders(csv);

    const uploaded = await http()
      .post(`/projects/${project.projectId}/plan-documents`)
      .set('Authorization', `Bearer ${staff.user.token}`)
      .attach('file', pdfFile(2_000), { filename: 'plan.pdf', contentType: 'application/pdf' });
    expect(uploaded.status).toBe(201);
    const document = await staff.get(
      `/projects/${project.projectId}/plan-documents/${(uploaded.body as { documentId: string }).documentId}`,
    );
    expect(document.status).toBe(200);
    expect(document.headers['content-type']).toBe('application/pdf');
    expectSecurityHeaders(document);
  });

  it('refuses a zip bomb, a document with macros and PDF polyglots with 415 naming the reason', async () => {
    const project = await submitProject(staff);
    const upload = (content: Buffer, filename: string) =>
      http()
        .post(`/projects/${project.projectId}/plan-documents`)
        .set('Authorization', `Bearer ${staff.user.token}`)
        .attach('file', content, { filename });
    const cases: [Buffer, string, string, RegExp][] = [
      [zipBombDocx(), 'bomb.docx', 'document-zip-bomb', /inflate to 314572\d+ bytes/],
      [docxWithMacros(), 'macros.docx', 'document-executable', /vbaProject\.bin/],
      [pdfPolyglot('pe'), 'plan.pdf', 'document-executable', /a Windows executable/],
      [pdfPolyglot('elf'), 'plan.pdf', 'document-executable', /an ELF executable/],
    ];
    for (const [content, filename, rule, message] of cases) {
      const refused = await upload(content, filename);
      expect({ filename, status: refused.status, rule: refused.body.rule }).toEqual({
        filename,
        status: 415,
        rule,
      });
      expect(refused.body.message).toMatch(message);
    }
    const stored = await ctx.db.query('SELECT 1 FROM plan_documents WHERE project_id = $1', [
      project.projectId,
    ]);
    expect(stored.rowCount).toBe(0);
  });
});
