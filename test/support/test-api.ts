import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test, TestingModuleBuilder } from '@nestjs/testing';
import type { Pool } from 'pg';
import request from 'supertest';
import type { AppConfig } from '@app/config';
import type { ActorRole } from '@app/domain';
import { AppModule } from '../../apps/api/src/app.module';
import { hashPassword } from '../../apps/api/src/auth/passwords';
import { configureApp } from '../../apps/api/src/configure-app';
import { createHttpAdapter } from '../../apps/api/src/http/http-adapter';
import { uniqueSuffix } from './fixtures';

/** The API as production builds it (same module and `configureApp`), not listening on a port. */
export async function bootApi(
  config: AppConfig,
  options: {
    beforeConfigure?: (app: NestFastifyApplication) => void;
    /** Test-module overrides, e.g. a provider that makes the API "crash" at one point. */
    customise?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
  } = {},
): Promise<NestFastifyApplication> {
  const customise = options.customise ?? ((builder: TestingModuleBuilder) => builder);
  const moduleRef = await customise(
    Test.createTestingModule({
      imports: [AppModule.forConfig(config)],
    }),
  ).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(
    createHttpAdapter({
      trustProxy: config.TRUST_PROXY,
      bodyLimitBytes: config.JSON_BODY_MAX_BYTES,
    }),
    { logger: false },
  );
  options.beforeConfigure?.(app);
  await configureApp(app);
  await app.init();
  // Fastify builds its routes and plugins on ready(); supertest then talks to its server.
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

export interface TestUser {
  id: string;
  username: string;
  password: string;
  role: ActorRole;
  mentorId: string | null;
}

/**
 * A user written straight into the database (as an admin would create one), with a unique
 * name. A mentor user gets a fresh mentor record unless one is named.
 */
export async function createTestUser(
  db: Pool,
  role: ActorRole,
  options: { mentorId?: string; active?: boolean } = {},
): Promise<TestUser> {
  const username = `${role}-${uniqueSuffix()}`;
  const password = `pw-${uniqueSuffix()}-${uniqueSuffix()}`;
  let mentorId: string | null = null;
  if (role === 'mentor') {
    mentorId =
      options.mentorId ??
      (
        await db.query<{ id: string }>(
          `INSERT INTO mentors (name, organisation, capacity) VALUES ($1, 'Test Org', 3) RETURNING id`,
          [`Mentor ${username}`],
        )
      ).rows[0].id;
  }
  const inserted = await db.query<{ id: string }>(
    `INSERT INTO users (username, display_name, role, mentor_id, password_hash, active)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [
      username,
      `Test ${username}`,
      role,
      mentorId,
      await hashPassword(password),
      options.active ?? true,
    ],
  );
  return { id: inserted.rows[0].id, username, password, role, mentorId };
}

/** Signs in through HTTP and returns the session's bearer token. */
export async function signIn(app: NestFastifyApplication, user: TestUser): Promise<string> {
  const response = await request(app.getHttpServer())
    .post('/auth/sessions')
    .send({ username: user.username, password: user.password })
    .expect(201);
  return (response.body as { token: string }).token;
}
