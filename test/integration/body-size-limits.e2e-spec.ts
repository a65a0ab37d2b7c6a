import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { sampleApplication, uniqueSuffix } from '../support/fixtures';
import { submitProject } from '../support/api-projects';
import { HttpAs, signedInUser } from '../support/http-client';
import { IntegrationContext, openIntegrationContext } from '../support/integration-context';
import { pdfFile } from '../support/plan-document-files';
import { bootApi } from '../support/test-api';

/** Limits set for this suite, unlike the defaults, so the answers must read them from config. */
const JSON_LIMIT = 100_000;
const DOCUMENT_LIMIT = 150_000;

describe('HTTP: a body over the limit is a 413 that says the limit, as configured', () => {
  let ctx: IntegrationContext;
  let app: NestFastifyApplication;
  let staff: HttpAs;
  let projectId: string;

  beforeAll(async () => {
    ctx = await openIntegrationContext('body-limits', {
      JSON_BODY_MAX_BYTES: String(JSON_LIMIT),
      PLAN_DOCUMENT_MAX_BYTES: String(DOCUMENT_LIMIT),
    });
    app = await bootApi(ctx.config);
    staff = await signedInUser(app, ctx.db, 'staff');
    ({ projectId } = await submitProject(staff));
  });

  afterAll(async () => {
    await app?.close();
    await ctx?.close();
  });

  const jsonOverLimit = {
    status: 413,
    error: 'Payload Too Large',
    rule: 'body-size-limit',
    limitBytes: JSON_LIMIT,
    message: expect.stringMatching(
      new RegExp(`^the body is larger than the limit of ${JSON_LIMIT} bytes`),
    ),
  };

  /**
   * A JSON body padded with whitespace to `bytes`: every field stays within its own length
   * limit, so only the body's size can refuse it.
   */
  function padded(body: object, bytes: number): string {
    const text = JSON.stringify(body);
    return text.slice(0, -1) + ' '.repeat(bytes - Buffer.byteLength(text)) + '}';
  }

  function postRaw(path: string, raw: string, headers: Record<string, string> = {}) {
    return request(app.getHttpServer())
      .post(path)
      .set('Authorization', `Bearer ${staff.user.token}`)
      .set('Content-Type', 'application/json')
      .set(headers)
      .send(raw);
  }

  it('answers a decision body over the JSON limit with the limit in bytes', async () => {
    const refused = await postRaw(
      `/projects/${projectId}/screening`,
      padded({ decisionId: `big-${uniqueSuffix()}`, outcome: 'accept' }, JSON_LIMIT + 1),
    );
    expect({ status: refused.status, ...pick(refused.body) }).toEqual(jsonOverLimit);
  });

  it('answers an application over the JSON limit the same way, on another route', async () => {
    const refused = await postRaw(
      '/projects',
      padded(sampleApplication(uniqueSuffix()), 3 * JSON_LIMIT),
      {
        'Idempotency-Key': `too-large-${uniqueSuffix()}`,
      },
    );
    expect({ status: refused.status, ...pick(refused.body) }).toEqual(jsonOverLimit);
  });

  it('keeps reading a body of exactly the limit (answered for what it says, not its size)', async () => {
    const answered = await postRaw(
      `/projects/${projectId}/screening`,
      padded({ decisionId: `big-${uniqueSuffix()}`, outcome: 'bogus' }, JSON_LIMIT),
    );
    expect(answered.body).toEqual(
      expect.objectContaining({
        statusCode: 400,
        message: expect.stringContaining('outcome must be one of'),
      }),
    );
  });

  it('answers an upload over the document limit with the configured limit in bytes', async () => {
    const refused = await request(app.getHttpServer())
      .post(`/projects/${projectId}/plan-documents`)
      .set('Authorization', `Bearer ${staff.user.token}`)
      .attach('file', pdfFile(DOCUMENT_LIMIT + 5_000), {
        filename: 'plan.pdf',
        contentType: 'application/pdf',
      });
    expect({ status: refused.status, ...pick(refused.body) }).toEqual({
      status: 413,
      error: 'Payload Too Large',
      rule: 'document-size-limit',
      limitBytes: DOCUMENT_LIMIT,
      message: expect.stringMatching(
        new RegExp(`^the document is larger than the limit of ${DOCUMENT_LIMIT} bytes`),
      ),
    });
  });
});

function pick(body: unknown): Record<string, unknown> {
  const { error, rule, limitBytes, message } = body as Record<string, unknown>;
  return { error, rule, limitBytes, message };
}
