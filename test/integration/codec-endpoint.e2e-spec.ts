import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { defaultPayloadConverter } from '@temporalio/common';
import request from 'supertest';
import { generatePayloadKey } from '@app/config';
import { HttpAs, signedInUser } from '../support/http-client';
import { IntegrationContext, openIntegrationContext } from '../support/integration-context';
import { bootApi } from '../support/test-api';

const UI_ORIGIN = 'http://temporal-ui.test:8233';

function jsonPayload(value: unknown): { metadata: Record<string, string>; data: string } {
  const payload = defaultPayloadConverter.toPayload(value);
  return {
    metadata: Object.fromEntries(
      Object.entries(payload.metadata ?? {}).map(([k, v]) => [
        k,
        Buffer.from(v).toString('base64'),
      ]),
    ),
    data: Buffer.from(payload.data ?? []).toString('base64'),
  };
}

describe('HTTP: the codec endpoint for the Temporal CLI and Web UI', () => {
  let ctx: IntegrationContext;
  let app: NestFastifyApplication;
  let staff: HttpAs;
  let reviewer: HttpAs;
  let mentor: HttpAs;

  beforeAll(async () => {
    ctx = await openIntegrationContext('codec-endpoint', {
      TEMPORAL_PAYLOAD_KEYS: generatePayloadKey(),
      TEMPORAL_UI_ORIGIN: UI_ORIGIN,
    });
    app = await bootApi(ctx.config);
    [staff, reviewer, mentor] = await Promise.all([
      signedInUser(app, ctx.db, 'staff'),
      signedInUser(app, ctx.db, 'reviewer'),
      signedInUser(app, ctx.db, 'mentor'),
    ]);
  });
  afterAll(async () => {
    await app?.close();
    await ctx?.close();
  });

  it('encrypts for staff and decrypts for reviewers (bearer token, as `--codec-auth` sends it)', async () => {
    const plain = jsonPayload({ companyName: 'Codec Test Co., Ltd.' });
    const encoded = await staff.post('/codec/encode', { payloads: [plain] });
    expect(encoded.status).toBe(200);
    const sealed = (
      encoded.body as { payloads: { metadata: Record<string, string>; data: string }[] }
    ).payloads[0];
    expect(Buffer.from(sealed.metadata.encoding, 'base64').toString()).toBe('binary/encrypted');
    expect(Buffer.from(sealed.data, 'base64').toString()).not.toContain('Codec Test');

    const decoded = await reviewer.post(
      '/codec/decode',
      { payloads: [sealed] },
      { 'X-Namespace': 'default' },
    );
    expect(decoded.status).toBe(200);
    expect(decoded.body).toEqual({ payloads: [plain] });
  });

  it('refuses callers without a token, mentors, and bad bodies with a 4xx naming the field', async () => {
    const server = app.getHttpServer();
    expect((await request(server).post('/codec/decode').send({ payloads: [] })).status).toBe(401);
    expect((await mentor.post('/codec/decode', { payloads: [] })).status).toBe(403);
    const bad = await staff.post('/codec/decode', { payloads: [{ data: 'not base64!' }] });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('payloads[].data must be base64');
    const otherNamespace = await staff.post(
      '/codec/decode',
      { payloads: [] },
      { 'X-Namespace': 'other' },
    );
    expect(otherNamespace.status).toBe(400);
    const noNamespace = await staff.post('/codec/decode', { payloads: [] }, { 'X-Namespace': '' });
    expect(noNamespace.status).toBe(400);
  });

  it('allows the Web UI origin alone, with credentials, and authenticates its cookie', async () => {
    const server = app.getHttpServer();
    const preflight = await request(server)
      .options('/codec/decode')
      .set('Origin', UI_ORIGIN)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type,x-namespace');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(UI_ORIGIN);
    expect(preflight.headers['access-control-allow-credentials']).toBe('true');
    const foreign = await request(server)
      .options('/codec/decode')
      .set('Origin', 'http://elsewhere.test')
      .set('Access-Control-Request-Method', 'POST');
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();

    const session = await reviewer.post('/codec/session', {});
    expect(session.status).toBe(204);
    const cookie = (session.headers['set-cookie'] as unknown as string[])[0];
    expect(cookie).toMatch(/^incubation_codec=ips_.+; Path=\/codec; HttpOnly; SameSite=Strict/);
    const viaCookie = await request(server)
      .post('/codec/decode')
      .set('Origin', UI_ORIGIN)
      .set('Cookie', cookie.split(';')[0])
      .send({ payloads: [jsonPayload('plain passes through')] });
    expect(viaCookie.status).toBe(200);
    expect(viaCookie.headers['access-control-allow-origin']).toBe(UI_ORIGIN);
  });
});
