import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AuditBundle } from '@app/persistence';
import { submitProject } from '../support/api-projects';
import { sharedTestAuditSigningKey } from '../support/audit-keys';
import { eventually } from '../support/eventually';
import { uniqueSuffix } from '../support/fixtures';
import { HttpAs, signedInUser } from '../support/http-client';
import { IntegrationContext, openIntegrationContext } from '../support/integration-context';
import { bootApi } from '../support/test-api';

interface AdminRow {
  seq: string;
  event_type: string;
  actor: Record<string, unknown>;
  payload: Record<string, unknown>;
  canonical: string;
  project_id: string | null;
}

const CLI = join(__dirname, '../../dist/apps/api/src/cli/audit-verify.js');

/**
 * Administration leaves rows in the audit chain like decisions do: the actor from the token,
 * what changed, never a secret; a refused change leaves none. A reviewer exports a project's
 * bundle over HTTP and checks it offline.
 */
describe('HTTP: administration is audited, and a bundle leaves the building', () => {
  let ctx: IntegrationContext;
  let app: NestExpressApplication;
  let admin: HttpAs;
  let staff: HttpAs;
  let reviewer: HttpAs;
  let mentor: HttpAs;
  const tag = uniqueSuffix();

  beforeAll(async () => {
    ctx = await openIntegrationContext('admin-audit', {
      AUDIT_SIGNING_KEY: sharedTestAuditSigningKey(),
    });
    app = await bootApi(ctx.config);
    [admin, staff, reviewer, mentor] = await Promise.all([
      signedInUser(app, ctx.db, 'admin'),
      signedInUser(app, ctx.db, 'staff'),
      signedInUser(app, ctx.db, 'reviewer'),
      signedInUser(app, ctx.db, 'mentor'),
    ]);
  });
  afterAll(async () => {
    await ctx?.db.query('UPDATE users SET active = false WHERE id = ANY($1)', [
      [admin, staff, reviewer, mentor].filter(Boolean).map((who) => who.user.id),
    ]);
    await app?.close();
    await ctx?.close();
  });

  const rowsAbout = async (targetId: string): Promise<AdminRow[]> =>
    (
      await ctx.db.query<AdminRow>(
        `SELECT seq::text AS seq, event_type, actor, payload, canonical, project_id
           FROM audit_events WHERE kind = 'admin' AND payload->'target'->>'id' = $1
          ORDER BY audit_events.seq`,
        [targetId],
      )
    ).rows;

  const byToken = (who: HttpAs, via = 'session') => ({
    userId: who.user.id,
    username: who.user.username,
    role: who.user.role,
    via,
  });

  it('records users, roles and API tokens with the admin as actor, and no secret', async () => {
    const password = `a secret password ${tag}`;
    const created = await admin.post('/admin/users', {
      username: `audited-${tag}`,
      displayName: 'Audited Person',
      role: 'staff',
      password,
    });
    expect(created.status).toBe(201);
    const userId = created.body.id as string;
    expect((await admin.patch(`/admin/users/${userId}`, { role: 'reviewer' })).status).toBe(200);
    expect((await admin.patch(`/admin/users/${userId}`, { active: false })).status).toBe(200);
    expect((await admin.patch(`/admin/users/${userId}`, { active: true })).status).toBe(200);
    const issued = await admin.post(`/admin/users/${userId}/api-tokens`, { name: 'exporter' });
    expect(issued.status).toBe(201);
    const token = issued.body.token as string;
    expect((await admin.delete(`/admin/api-tokens/${issued.body.id}`)).status).toBe(200);

    const userRows = await rowsAbout(userId);
    expect(userRows.map((row) => row.event_type)).toEqual([
      'userCreated',
      'userChanged',
      'userDeactivated',
      'userChanged',
    ]);
    for (const row of userRows) {
      expect(row.actor).toEqual(byToken(admin));
      expect(row.project_id).toBeNull();
    }
    expect(userRows[1].payload.changes).toEqual({ role: { from: 'staff', to: 'reviewer' } });
    expect(userRows[2].payload).toEqual(
      expect.objectContaining({
        changes: { active: { from: true, to: false } },
        sessionsEnded: true,
      }),
    );
    const tokenRows = await rowsAbout(issued.body.id as string);
    expect(tokenRows.map((row) => row.event_type)).toEqual(['apiTokenIssued', 'apiTokenRevoked']);
    const everything = JSON.stringify([...userRows, ...tokenRows]);
    expect(everything).not.toContain(password);
    expect(everything).not.toContain(token);
    expect(everything).not.toMatch(/argon2/);
  });

  it('records mentors (capacity, expertise, conflicts) by staff and by the mentor', async () => {
    const created = await staff.post('/mentors', {
      name: `Audited Mentor ${tag}`,
      organisation: 'Audit Org',
      capacity: 2,
      expertiseTags: ['optics'],
    });
    expect(created.status).toBe(201);
    const mentorId = created.body.mentorId as string;
    expect((await staff.patch(`/mentors/${mentorId}`, { capacity: 4 })).status).toBe(200);
    // Saving the same values again changes nothing, so it is not recorded.
    expect((await staff.patch(`/mentors/${mentorId}`, { capacity: 4 })).status).toBe(200);
    expect((await staff.post(`/mentors/${mentorId}/deactivation`, {})).status).toBe(200);
    expect((await staff.post(`/mentors/${mentorId}/reactivation`, {})).status).toBe(200);
    const own = await mentor.patch('/me/mentor-profile', { declaredConflicts: ['Rival Corp'] });
    expect(own.status).toBe(200);

    const rows = await rowsAbout(mentorId);
    expect(rows.map((row) => row.event_type)).toEqual([
      'mentorCreated',
      'mentorChanged',
      'mentorDeactivated',
      'mentorReactivated',
    ]);
    expect(rows[1].payload.changes).toEqual({ capacity: { from: 2, to: 4 } });
    expect(rows.every((row) => row.actor.userId === staff.user.id)).toBe(true);
    const ownRows = await rowsAbout(mentor.user.mentorId ?? '');
    expect(ownRows.map((row) => [row.event_type, row.actor.userId, row.payload.changes])).toEqual([
      [
        'mentorProfileChanged',
        mentor.user.id,
        { declaredConflicts: { from: [], to: ['Rival Corp'] } },
      ],
    ]);
  });

  it('records calendar overrides, and leaves no row for a refused change', async () => {
    // A day of its own (4 Jan 2041 + up to 3 years): no other run's override is on it.
    const date = new Date(Date.UTC(2041, 0, 4) + Math.floor(Math.random() * 1000) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    expect((await admin.delete(`/admin/calendar-overrides/${date}`)).status).toBe(404);
    expect((await admin.patch(`/admin/users/${admin.user.id}`, { active: false })).status).toBe(
      422,
    );
    expect(await rowsAbout(date)).toEqual([]);
    expect(await rowsAbout(admin.user.id)).toEqual([]);

    const set = await admin.put('/admin/calendar-overrides', {
      date,
      kind: 'holiday',
      note: 'audited',
    });
    expect(set.status).toBe(200);
    expect((await admin.delete(`/admin/calendar-overrides/${date}`)).status).toBe(204);
    const rows = await rowsAbout(date);
    expect(rows.map((row) => [row.event_type, row.actor.userId])).toEqual([
      ['calendarOverrideSet', admin.user.id],
      ['calendarOverrideRemoved', admin.user.id],
    ]);
    const verified = await reviewer.get('/audit/verify');
    expect(verified.body).toEqual(expect.objectContaining({ intact: true }));
  });

  it("exports one project's signed bundle that verifies offline, and names a changed row", async () => {
    const project = await submitProject(staff);
    await eventually(async () => {
      const rows = await ctx.db.query('SELECT 1 FROM audit_events WHERE project_id = $1', [
        project.projectId,
      ]);
      expect(rows.rowCount).toBeGreaterThan(0);
    });
    expect((await staff.get('/audit/bundle', { projectId: project.projectId })).status).toBe(403);
    expect((await reviewer.get('/audit/bundle', { from: 'soon' })).status).toBe(400);
    const response = await reviewer.get('/audit/bundle', { projectId: project.projectId });
    expect(response.status).toBe(200);
    expect(response.headers['content-disposition']).toContain('audit-bundle-project-');
    const bundle = response.body as AuditBundle;
    const own = bundle.rows.filter(
      (row) => 'canonical' in row && row.canonical.includes(project.projectId),
    );
    expect(own.length).toBeGreaterThan(0);

    const dir = mkdtempSync(join(tmpdir(), 'audit-bundle-http-'));
    const write = (name: string, value: unknown) => {
      writeFileSync(join(dir, name), JSON.stringify(value));
      return join(dir, name);
    };
    const offline = (file: string) =>
      spawnSync(process.execPath, [CLI, '--bundle', file], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH, DATABASE_URL: 'postgres://nobody:secret@127.0.0.1:1/none' },
      });
    const intact = offline(write('bundle.json', bundle));
    expect(intact.status).toBe(0);
    expect(intact.stdout).toMatch(/^intact, rows \d+–\d+ \(\d+ in full\)/);

    const target = own[0];
    const changed = {
      ...bundle,
      rows: bundle.rows.map((row) =>
        row === target && 'canonical' in row
          ? {
              ...row,
              canonical: row.canonical.replace('applicationSubmitted', 'applicationSubmittee'),
            }
          : row,
      ),
    };
    const broken = offline(write('changed.json', changed));
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain(`broken at seq ${target.seq}`);
  });
});
