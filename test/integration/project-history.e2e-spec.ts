import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { parse } from 'csv-parse/sync';
import type { Response } from 'supertest';
import { historiesInFile, replayRuns } from '../../apps/api/src/project-history/workflow-replay';
import { projectWorkflowId } from '@app/workflows/public-api';
import { bodyOf, submitProject } from '../support/api-projects';
import { sharedTestAuditSigningKey } from '../support/audit-keys';
import { d, uniqueSuffix } from '../support/fixtures';
import { createRoomyMentor, HttpAs, signedInUser } from '../support/http-client';
import { IntegrationContext, openIntegrationContext } from '../support/integration-context';
import { alteredWorkflowBundle, currentWorkflowBundleFile } from '../support/replay-bundles';
import { bootApi } from '../support/test-api';
import { testWorkflowBundle } from '../support/test-worker';
import { uploadedPlan } from '../support/plan-uploads';

/** Comments that a CSV must carry intact: Chinese text, commas, quotes, line breaks, formulas. */
const TRICKY = {
  screening: '符合条件, 团队 "很强"，进入导师匹配。',
  revision: '=HYPERLINK("http://example.com","点我"), 请修改财务预测\n第二行：市场规模',
  approval: 'Ready, "really" ready; 好的\r\n— 陈老师',
  incubation: '+1 @all -- 欢迎入驻',
};

function csvRows(response: Response): Record<string, string>[] {
  const text = response.text;
  expect(text.charCodeAt(0)).toBe(0xfeff);
  return parse<Record<string, string>>(text, { bom: true, columns: true });
}

describe('HTTP: a project history for reviewers (timeline, CSV, raw history, replay)', () => {
  let ctx: IntegrationContext;
  let app: NestFastifyApplication;
  let staff: HttpAs;
  let staff2: HttpAs;
  let mentor: HttpAs;
  let otherMentor: HttpAs;
  let reviewer: HttpAs;
  let admin: HttpAs;
  let mentorId: string;
  let projectId: string;
  const steps: {
    who: () => HttpAs;
    action: string;
    body: object;
    type: string;
    comment?: string;
  }[] = [];

  beforeAll(async () => {
    ctx = await openIntegrationContext('history', {
      AUDIT_SIGNING_KEY: sharedTestAuditSigningKey(),
      WORKFLOW_BUNDLE_PATH: await currentWorkflowBundleFile(),
    });
    app = await bootApi(ctx.config);
    mentorId = await createRoomyMentor(ctx.db);
    [staff, staff2, mentor, otherMentor, reviewer, admin] = await Promise.all([
      signedInUser(app, ctx.db, 'staff'),
      signedInUser(app, ctx.db, 'staff'),
      signedInUser(app, ctx.db, 'mentor', { mentorId }),
      signedInUser(app, ctx.db, 'mentor', {
        mentorId: await createRoomyMentor(ctx.db, 'Other Org'),
      }),
      signedInUser(app, ctx.db, 'reviewer'),
      signedInUser(app, ctx.db, 'admin'),
    ]);
    steps.push(
      {
        who: () => staff,
        action: 'screening',
        body: { ...bodyOf(d.accept), comment: TRICKY.screening },
        type: 'screenApplication',
        comment: TRICKY.screening,
      },
      { who: () => staff, action: 'mentor-assignment', body: { mentorId }, type: 'assignMentor' },
      {
        who: () => mentor,
        action: 'mentor-assignment/accept',
        body: { comment: '乐意指导。' },
        type: 'acceptAssignment',
        comment: '乐意指导。',
      },
      {
        who: () => staff,
        action: 'plan-versions',
        body: uploadedPlan(1),
        type: 'submitPlanVersion',
      },
      {
        who: () => mentor,
        action: 'plan-review/request-revision',
        body: { comment: TRICKY.revision },
        type: 'requestRevision',
        comment: TRICKY.revision,
      },
      {
        who: () => staff,
        action: 'plan-versions',
        body: uploadedPlan(2),
        type: 'submitPlanVersion',
      },
      {
        who: () => mentor,
        action: 'plan-review/approve',
        body: { comment: TRICKY.approval },
        type: 'approvePlan',
        comment: TRICKY.approval,
      },
      {
        who: () => staff,
        action: 'investor-contacts',
        body: bodyOf(d.contact('c-1', 'invested')),
        type: 'recordInvestorContact',
      },
      { who: () => mentor, action: 'investment-sign-offs', body: {}, type: 'signOffInvestment' },
      { who: () => staff2, action: 'investment-sign-offs', body: {}, type: 'signOffInvestment' },
      { who: () => staff, action: 'company', body: bodyOf(d.company()), type: 'recordCompany' },
      {
        who: () => staff,
        action: 'incubation-approval',
        body: { comment: TRICKY.incubation },
        type: 'approveIncubation',
        comment: TRICKY.incubation,
      },
    );
    ({ projectId } = await submitProject(staff));
    for (const step of steps) {
      const response = await step.who().decide(projectId, step.action, step.body);
      if (response.status !== 200) {
        throw new Error(`${step.action}: ${response.status} ${JSON.stringify(response.body)}`);
      }
    }
    // The run closes once the last decision's records landed and the mentor's place is freed.
    await ctx.client.workflow.getHandle(projectWorkflowId(projectId)).result();
  });
  afterAll(async () => {
    await app?.close();
    await ctx?.close();
  });

  it('lists every decision of the happy path with actor, role, comment and time, in order', async () => {
    const response = await reviewer.get(`/projects/${projectId}/timeline`);
    expect(response.status).toBe(200);
    const decisions = (response.body.entries as Record<string, string | null>[]).filter(
      (entry) => entry.kind === 'decision',
    );
    expect(decisions.map((entry) => entry.type)).toEqual(steps.map((step) => step.type));
    decisions.forEach((entry, index) => {
      const who = steps[index].who().user;
      expect(entry).toEqual(
        expect.objectContaining({
          actorUserId: who.id,
          actorRole: who.role,
          actorName: `Test ${who.username}`,
          comment: steps[index].comment ?? null,
          outcome: expect.stringMatching(/^accepted: /),
          auditSeq: expect.stringMatching(/^\d+$/),
          eventId: expect.stringMatching(/^\d+$/),
          runId: expect.any(String),
        }),
      );
    });
    const times = decisions.map((entry) => Date.parse(entry.at ?? ''));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(decisions.at(-1)?.outcome).toMatch(/^accepted: INCUBATED \(CLOSED\)/);
    const types = (response.body.entries as { type: string }[]).map((entry) => entry.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'runStarted',
        'applicationSubmitted',
        'dueDateSet',
        'workflowCompleted',
      ]),
    );
  });

  it('exports the timeline as CSV that round-trips Chinese text, commas, quotes, newlines and formulas', async () => {
    const json = await reviewer.get(`/projects/${projectId}/timeline`);
    const response = await reviewer.get(`/projects/${projectId}/timeline`, { format: 'csv' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    const rows = csvRows(response);
    expect(rows).toHaveLength(json.body.entries.length);
    const comments = rows.filter((row) => row.kind === 'decision').map((row) => row.comment);
    expect(comments).toEqual(
      steps.map((step) => {
        const comment = step.comment ?? '';
        return /^[=+\-@]/.test(comment) ? `'${comment}` : comment;
      }),
    );
    expect(comments).toContain(TRICKY.screening);
    expect(comments).toContain(TRICKY.approval);
    expect(comments).toContain(`'${TRICKY.revision}`);
    expect(comments).toContain(`'${TRICKY.incubation}`);
  });

  it('exports every project of a period, as JSON and CSV, for reviewers only', async () => {
    const timeline = (await reviewer.get(`/projects/${projectId}/timeline`)).body as {
      entries: { at: string }[];
    };
    const from = timeline.entries[0].at;
    const to = new Date(Date.parse(timeline.entries.at(-1)!.at) + 1).toISOString();
    const json = await reviewer.get('/audit/export', { from, to });
    expect(json.status).toBe(200);
    const ours = (json.body.projects as { projectId: string; entries: unknown[] }[]).find(
      (project) => project.projectId === projectId,
    );
    expect(ours?.entries).toHaveLength(timeline.entries.length);
    const csv = await reviewer.get('/audit/export', { from, to, format: 'csv' });
    const rows = csvRows(csv).filter((row) => row.project_id === projectId);
    expect(rows.map((row) => row.comment)).toContain(`'${TRICKY.revision}`);
    expect((await staff.get('/audit/export', { from, to })).status).toBe(403);
    expect((await reviewer.get('/audit/export', { from: 'yesterday', to })).status).toBe(400);
  });

  it('downloads a raw history that replays as consistent, and diverges against a changed workflow', async () => {
    const all = await reviewer.get(`/projects/${projectId}/history`);
    expect(all.status).toBe(200);
    const runs = all.body.runs as { runId: string }[];
    const runId = runs[runs.length - 1].runId;
    const one = await reviewer.get(`/projects/${projectId}/history`, { run: runId });
    expect(one.status).toBe(200);
    expect(one.body.events[0].eventType).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_STARTED');
    const file = join(tmpdir(), `history-${uniqueSuffix()}.json`);
    writeFileSync(file, one.text);

    const downloaded = historiesInFile(readFileSync(file, 'utf8'));
    const current = await replayRuns(await testWorkflowBundle(), 'downloaded', downloaded.runs);
    expect(current.consistent).toBe(true);
    const altered = await replayRuns(await alteredWorkflowBundle(), 'downloaded', downloaded.runs);
    expect(altered).toEqual({
      consistent: false,
      runs: [
        expect.objectContaining({
          consistent: false,
          divergence: expect.objectContaining({ error: 'DeterminismViolationError' }),
        }),
      ],
    });

    const check = await reviewer.get(`/projects/${projectId}/replay-check`);
    expect(check.status).toBe(200);
    expect(check.body).toEqual(
      expect.objectContaining({ consistent: true, runs: [expect.objectContaining({ runId })] }),
    );
  }, 120_000);

  it('shows a timeline to the assigned mentor only (the raw history to no mentor), and logs the other mentor and the reviewer refused', async () => {
    expect((await mentor.get(`/projects/${projectId}/timeline`)).status).toBe(200);
    expect((await otherMentor.get(`/projects/${projectId}/timeline`)).status).toBe(404);
    expect((await otherMentor.get(`/projects/${projectId}/history`)).status).toBe(403);
    expect((await mentor.get(`/projects/${projectId}/history`)).status).toBe(403);
    const refusedDecision = await reviewer.decide(projectId, 'withdrawal', { reason: 'audit' });
    expect(refusedDecision.status).toBe(403);
    const otherMentorDecision = await otherMentor.decide(projectId, 'plan-review/approve', {});
    expect([403, 404]).toContain(otherMentorDecision.status);
    const log = await reviewer.get('/security-events', { limit: '50' });
    expect(log.status).toBe(200);
    const items = log.body.items as { reason: string; userId: string; path: string }[];
    expect(items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          reason: 'not-your-project',
          userId: otherMentor.user.id,
          path: `/projects/${projectId}/timeline`,
        }),
        expect.objectContaining({
          userId: reviewer.user.id,
          path: `/projects/${projectId}/withdrawal`,
        }),
        expect.objectContaining({
          userId: otherMentor.user.id,
          path: `/projects/${projectId}/plan-review/approve`,
        }),
      ]),
    );
  });

  it('verifies the chain over HTTP, signs checkpoints on demand and serves them with the key', async () => {
    expect((await staff.get('/audit/verify')).status).toBe(403);
    expect((await reviewer.post('/audit/checkpoints', {})).status).toBe(403);
    const signed = await admin.post('/audit/checkpoints', {});
    expect({ status: signed.status, body: signed.status === 201 ? 'ok' : signed.body }).toEqual({
      status: 201,
      body: 'ok',
    });
    expect(signed.body).toEqual(
      expect.objectContaining({
        seq: expect.stringMatching(/^\d+$/),
        signature: expect.any(String),
      }),
    );
    const listed = await reviewer.get('/audit/checkpoints');
    expect(listed.status).toBe(200);
    expect(listed.body.signingKeyId).toBe(signed.body.keyId);
    expect(listed.body.trustedKeys[0].publicKey).toMatch(/BEGIN PUBLIC KEY/);
    expect(listed.body.checkpoints).toEqual(
      expect.arrayContaining([expect.objectContaining({ seq: signed.body.seq })]),
    );
    const verified = await reviewer.get('/audit/verify');
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual(expect.objectContaining({ intact: true, brokenAtSeq: null }));
    expect(verified.body.summary).toMatch(
      /^intact, \d+ rows, head hash [0-9a-f]{64}; \d+ signed checkpoints? verified$/,
    );
    expect(verified.body.checkpoints.matched).toBeGreaterThanOrEqual(1);
  });
});
