import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createRoomyMentor } from '../../support/http-client';
import { IntegrationContext, openIntegrationContext } from '../../support/integration-context';
import { bootApi, createTestUser, TestUser } from '../../support/test-api';
/** The real stack for the browser: API (serving the built console) and worker, on a port. */
export interface ConsoleStack {
  ctx: IntegrationContext;
  app: NestFastifyApplication;
  baseUrl: string;
  staff: TestUser;
  staff2: TestUser;
  mentor: TestUser & { mentorName: string };
  reviewer: TestUser;
  admin: TestUser;
  close(): Promise<void>;
}

export async function startConsoleStack(name: string): Promise<ConsoleStack> {
  const ctx = await openIntegrationContext(name);
  const app = await bootApi(ctx.config);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const mentorId = await createRoomyMentor(ctx.db, `Console Mentoring ${port}`);
  const mentorName = (
    await ctx.db.query<{ name: string }>('SELECT name FROM mentors WHERE id = $1', [mentorId])
  ).rows[0].name;
  const [staff, staff2, mentor, reviewer, admin] = await Promise.all([
    createTestUser(ctx.db, 'staff'),
    createTestUser(ctx.db, 'staff'),
    createTestUser(ctx.db, 'mentor', { mentorId }),
    createTestUser(ctx.db, 'reviewer'),
    createTestUser(ctx.db, 'admin'),
  ]);
  return {
    ctx,
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    staff,
    staff2,
    mentor: { ...mentor, mentorName },
    reviewer,
    admin,
    close: async () => {
      await app.close();
      await ctx.close();
    },
  };
}
