import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { stateQuery } from '@app/workflows/public-api';
import { DemoDataSeeder, SeedReport } from '../../apps/api/src/seed/demo-data.seeder';
import { SeedAppModule } from '../../apps/api/src/seed/seed-app.module';
import { NotificationDispatcher } from '../../apps/worker/src/notifications/notification-dispatcher.service';
import { freePort } from '../../infra/dev/free-port';
import { RunningMailCatcher, startMailCatcher } from '../../infra/dev/mail-catcher';
import { eventually } from '../support/eventually';
import { IntegrationContext, openIntegrationContext } from '../support/integration-context';

interface Counts {
  users: number;
  mentors: number;
  projects: number;
  auditDecisions: number;
}

describe('demo data: npm run seed', () => {
  let ctx: IntegrationContext;
  let app: INestApplicationContext;
  let mail: RunningMailCatcher;

  beforeAll(async () => {
    // The local mail catcher `npm run up` runs, on ports of this suite's own.
    mail = await startMailCatcher({ smtpPort: await freePort(), httpPort: await freePort() });
    ctx = await openIntegrationContext('seed', { SMTP_PORT: String(mail.smtpPort) });
    app = await NestFactory.createApplicationContext(SeedAppModule.forConfig(ctx.config), {
      logger: ['error'],
    });
  });
  afterAll(async () => {
    // The demo mentors (one works for a company the sample teams are affiliated with) would
    // join every later suite's mentor rankings on this shared database: retire them.
    await ctx?.db.query("UPDATE mentors SET active = false WHERE id::text LIKE '6d3e0000-%'");
    await app?.close();
    await ctx?.close();
    await mail?.stop();
  });

  async function counts(report: SeedReport): Promise<Counts> {
    const ids = report.projects.map((project) => project.projectId);
    const result = await ctx.db.query<Counts>(
      `SELECT (SELECT count(*)::int FROM users WHERE username IN ('admin','staff.li','staff.zhou','reviewer.party')
                 OR username LIKE 'mentor.%') AS users,
              (SELECT count(*)::int FROM mentors WHERE id::text LIKE '6d3e0000-%') AS mentors,
              (SELECT count(*)::int FROM projects WHERE id = ANY($1::uuid[])) AS projects,
              (SELECT count(*)::int FROM audit_events WHERE project_id = ANY($1::uuid[]) AND kind = 'decision') AS "auditDecisions"`,
      [ids],
    );
    return result.rows[0];
  }

  it('creates people, mentors and a dozen projects in every stage, and nothing twice', async () => {
    const first = await app.get(DemoDataSeeder).seed();
    expect(first.projects).toHaveLength(12);
    expect(new Set(first.projects.map((project) => project.stage))).toEqual(
      new Set([
        'APPLICATION',
        'MENTOR_MATCHING',
        'BUSINESS_PLAN',
        'INVESTOR_CONTACT',
        'COMPANY_REGISTRATION',
        'INCUBATED',
        'REJECTED',
        'WITHDRAWN',
      ]),
    );
    const afterFirst = await counts(first);
    expect(afterFirst).toEqual(expect.objectContaining({ users: 9, mentors: 5, projects: 12 }));

    const second = await app.get(DemoDataSeeder).seed();
    expect(second.projects).toEqual(first.projects);
    expect(await counts(second)).toEqual(afterFirst);

    // Every plan version names an upload of its own project, stored and hashed by the server.
    const versions = await ctx.db.query<{
      project_id: string;
      document: { documentId: string; sha256: string };
    }>(
      `SELECT project_id, record->'document' AS document FROM project_plan_versions
        WHERE project_id = ANY($1::uuid[])`,
      [first.projects.map((project) => project.projectId)],
    );
    expect(versions.rowCount).toBeGreaterThan(0);
    for (const version of versions.rows) {
      const upload = await ctx.db.query(
        'SELECT sha256, referenced_at IS NOT NULL AS referenced FROM plan_documents WHERE id::text = $1 AND project_id = $2',
        [version.document.documentId, version.project_id],
      );
      expect(upload.rows).toEqual([{ sha256: version.document.sha256, referenced: true }]);
    }

    // The read model agrees with each workflow's own state, once the system events settled.
    for (const project of first.projects) {
      await eventually(async () => {
        const view = await ctx.client.workflow
          .getHandle(`project-${project.projectId}`)
          .query(stateQuery);
        const row = await ctx.db.query(
          'SELECT stage, status, version, needs_attention, mentor_id FROM projects WHERE id = $1',
          [project.projectId],
        );
        const { state } = view;
        expect(row.rows[0]).toEqual({
          stage: state.stage,
          status: state.status,
          version: state.version,
          needs_attention: state.flags.needsAttention,
          mentor_id: state.matching.assignedMentorId ?? state.matching.proposedMentorId ?? null,
        });
      });
    }
  });

  it("delivers the seed's assignment request to the mail catcher, where its page lists it", async () => {
    const dispatcher = ctx.worker.app.get(NotificationDispatcher);
    const caught = await eventually(async () => {
      await dispatcher.dispatchDue();
      const listed = (await (await fetch(`${mail.url}/messages`)).json()) as {
        to: string[];
        subject: string;
        notificationKey: string;
      }[];
      const request = listed.find(
        (message) =>
          message.notificationKey.includes(':assignment:') &&
          message.to.some((to) => to.startsWith('mentor.')),
      );
      expect({ request, caught: listed.length }).toEqual({
        request: expect.objectContaining({ subject: expect.any(String) }),
        caught: expect.any(Number),
      });
      return request!;
    }, 20_000);
    const page = await (await fetch(mail.url)).text();
    expect(page).toContain(caught.subject);
    expect(page).toContain(caught.to[0]);
  });
});
