import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { generatePayloadKey } from '@app/config';
import { freePort } from '../../infra/dev/free-port';
import { resolveTemporalUiServerBinary } from '../../infra/dev/temporal-server-binary';
import { RunningTemporalUi, startTemporalUi } from '../../infra/dev/temporal-ui-server';
import { submitProject } from '../support/api-projects';
import { eventually } from '../support/eventually';
import { sampleApplication, uniqueSuffix } from '../support/fixtures';
import { HttpAs, signedInUser } from '../support/http-client';
import { IntegrationContext, openIntegrationContext } from '../support/integration-context';
import { bootApi } from '../support/test-api';

interface UiPayload {
  metadata?: Record<string, string>;
  data?: string;
}

/** Every payload object (`{metadata, data}`) in the UI server's JSON, wherever it sits. */
function payloadsIn(node: unknown, out: UiPayload[] = []): UiPayload[] {
  if (Array.isArray(node)) node.forEach((item) => payloadsIn(item, out));
  else if (node !== null && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (typeof record.data === 'string' && typeof record.metadata === 'object') {
      out.push(record);
    } else Object.values(record).forEach((value) => payloadsIn(value, out));
  }
  return out;
}

const text = (base64: string | undefined): string =>
  Buffer.from(base64 ?? '', 'base64').toString('utf8');

/**
 * Temporal's Web UI server, as `npm run up -- --cluster` starts it: it reads a project's
 * history from Temporal (ciphertext), and the payloads it hands the browser decode through
 * the API's codec endpoint with the reviewer's cookie, from the UI's origin only.
 */
describe("Temporal's Web UI server with the API's codec", () => {
  let ctx: IntegrationContext;
  let app: NestFastifyApplication;
  let ui: RunningTemporalUi;
  let staff: HttpAs;
  let reviewer: HttpAs;
  let uiOrigin: string;

  beforeAll(async () => {
    const uiPort = await freePort();
    uiOrigin = `http://localhost:${uiPort}`;
    ctx = await openIntegrationContext('web-ui', {
      TEMPORAL_PAYLOAD_KEYS: generatePayloadKey(),
      TEMPORAL_UI_ORIGIN: uiOrigin,
    });
    app = await bootApi(ctx.config);
    [staff, reviewer] = await Promise.all([
      signedInUser(app, ctx.db, 'staff'),
      signedInUser(app, ctx.db, 'reviewer'),
    ]);
    ui = await startTemporalUi({
      binary: resolveTemporalUiServerBinary(),
      dir: mkdtempSync(join(tmpdir(), 'temporal-ui-')),
      port: uiPort,
      temporalAddress: ctx.config.TEMPORAL_ADDRESS,
      namespace: ctx.config.TEMPORAL_NAMESPACE,
      codecEndpoint: 'http://localhost:3000/codec',
    });
  }, 120_000);

  afterAll(async () => {
    await ui?.stop();
    await app?.close();
    await ctx?.close();
  });

  it('tells the browser to decode through the codec endpoint with cookies, not a token', async () => {
    const settings = (await (await fetch(`${ui.url}/api/v1/settings`)).json()) as {
      Codec: { Endpoint: string; IncludeCredentials: boolean; PassAccessToken: boolean };
    };
    expect(settings.Codec).toEqual(
      expect.objectContaining({
        Endpoint: 'http://localhost:3000/codec',
        IncludeCredentials: true,
        PassAccessToken: false,
      }),
    );
  });

  it("shows a project's history as ciphertext that the reviewer's cookie decodes", async () => {
    const suffix = uniqueSuffix();
    const application = sampleApplication(suffix);
    const { workflowId } = await submitProject(staff, application);
    const historyUrl = `${ui.url}/api/v1/namespaces/${ctx.config.TEMPORAL_NAMESPACE}/workflows/${encodeURIComponent(workflowId)}/history`;
    const payloads = await eventually(async () => {
      const response = await fetch(historyUrl);
      expect(response.status).toBe(200);
      const found = payloadsIn(await response.json());
      expect(found.length).toBeGreaterThan(0);
      return found;
    });
    const title = application.title;
    expect(payloads.map((p) => text(p.data)).join('\n')).not.toContain(title);
    expect(payloads.some((p) => text(p.metadata?.encoding) === 'binary/encrypted')).toBe(true);

    const session = await reviewer.post('/codec/session', {});
    expect(session.status).toBe(204);
    const cookie = (session.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
    const decoded = await request(app.getHttpServer())
      .post('/codec/decode')
      .set('Origin', uiOrigin)
      .set('Cookie', cookie)
      .set('X-Namespace', ctx.config.TEMPORAL_NAMESPACE)
      .send({ payloads });
    expect(decoded.status).toBe(200);
    expect(decoded.headers['access-control-allow-origin']).toBe(uiOrigin);
    const plain = (decoded.body as { payloads: UiPayload[] }).payloads;
    expect(plain.map((p) => text(p.data)).join('\n')).toContain(title);
  });
});
