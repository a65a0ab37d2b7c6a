import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { IntegrationContext, openIntegrationContext } from '../support/integration-context';
import { bootApi, createTestUser } from '../support/test-api';
import { testConfig } from '../support/test-env';

/** The API serves the built console (`npm run build` writes dist/web) beside its own routes. */
describe('HTTP: the web console under /app/ and the browser session cookie', () => {
  let ctx: IntegrationContext;
  let app: NestFastifyApplication;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    ctx = await openIntegrationContext('web-console');
    app = await bootApi(ctx.config);
    http = request(app.getHttpServer());
  });
  afterAll(async () => {
    await app?.close();
    await ctx?.close();
  });

  it('redirects / to /app/ and answers index.html there without caching it', async () => {
    const root = await http.get('/').expect(302);
    expect(root.headers.location).toBe('/app/');
    const page = await http.get('/app/').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.text).toContain('<div id="root"></div>');
  });

  it('serves hashed assets with a long cache and answers a missing one with 404', async () => {
    const page = await http.get('/app/').expect(200);
    const script = /src="(\/app\/assets\/[^"]+\.js)"/.exec(page.text)?.[1];
    expect(script).toBeDefined();
    const asset = await http.get(script!).expect(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-type']).toMatch(/javascript/);
    await http.get('/app/assets/no-such-file-1234.js').expect(404);
  });

  it('sends the build’s precompressed copy of an asset to a browser that accepts it', async () => {
    const page = await http.get('/app/').expect(200);
    const script = /src="(\/app\/assets\/[^"]+\.js)"/.exec(page.text)?.[1];
    const plain = await http.get(script!).set('Accept-Encoding', 'identity').expect(200);
    const gzip = await http.get(script!).set('Accept-Encoding', 'gzip').expect(200);
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers['content-type']).toMatch(/javascript/);
    expect(gzip.headers.vary).toMatch(/accept-encoding/i);
    expect(gzip.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    // supertest inflates the body: the same script either way.
    expect(gzip.text).toBe(plain.text);
    expect(plain.headers['content-encoding']).toBeUndefined();
  });

  it('falls back to index.html only under /app/; API paths stay the API', async () => {
    const deep = await http.get('/app/projects/3f1c1a6e-0000-4000-8000-000000000000').expect(200);
    expect(deep.headers['cache-control']).toBe('no-cache');
    expect(deep.text).toContain('<div id="root"></div>');
    // Reloaded in a browser, an API path is still the API: 401 without a session, not the page.
    const api = await http
      .get('/projects/3f1c1a6e-0000-4000-8000-000000000000')
      .set('Accept', 'text/html')
      .expect(401);
    expect(api.headers['content-type']).toMatch(/application\/json/);
    await http.get('/audit').set('Accept', 'text/html').expect(404);
  });

  it('signs a browser in with an HttpOnly SameSite=Strict cookie the API accepts, and out', async () => {
    const user = await createTestUser(ctx.db, 'staff');
    const signIn = await http
      .post('/auth/browser-sessions')
      .send({ username: user.username, password: user.password })
      .expect(201);
    expect(signIn.body).not.toHaveProperty('token');
    expect(signIn.body.user).toEqual(expect.objectContaining({ username: user.username }));
    const [cookie] = signIn.headers['set-cookie'] as unknown as string[];
    expect(cookie).toMatch(/^ips_session=ips_[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).not.toMatch(/; Secure/);
    const session = cookie.split(';')[0];

    const me = await http.get('/me').set('Cookie', session).expect(200);
    expect(me.body.username).toBe(user.username);

    const out = await http
      .delete('/auth/browser-sessions/current')
      .set('Cookie', session)
      .expect(204);
    expect((out.headers['set-cookie'] as unknown as string[])[0]).toMatch(
      /^ips_session=;.*Expires=Thu, 01 Jan 1970/,
    );
    await http.get('/me').set('Cookie', session).expect(401);
  });

  it('marks the cookie Secure behind a TLS proxy and refuses an API token in a cookie', async () => {
    const user = await createTestUser(ctx.db, 'staff');
    const behindTls = await bootApi(
      testConfig({
        TEMPORAL_TASK_QUEUE: ctx.config.TEMPORAL_TASK_QUEUE,
        SESSION_COOKIE_SECURE: 'true',
      }),
    );
    try {
      const signIn = await request(behindTls.getHttpServer())
        .post('/auth/browser-sessions')
        .send({ username: user.username, password: user.password })
        .expect(201);
      const [cookie] = signIn.headers['set-cookie'] as unknown as string[];
      expect(cookie).toMatch(/; Secure/);
    } finally {
      await behindTls.close();
    }

    const machine = `ipt_${'A'.repeat(43)}`;
    const refused = await http.get('/me').set('Cookie', `ips_session=${machine}`).expect(401);
    expect(refused.body.message).toMatch(/Bearer/);
    // A wrong password is refused like on POST /auth/sessions, and sets no cookie.
    const wrong = await http
      .post('/auth/browser-sessions')
      .send({ username: user.username, password: 'not-the-password' })
      .expect(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });
});
