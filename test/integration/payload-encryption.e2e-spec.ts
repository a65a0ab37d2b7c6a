import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { generatePayloadKey } from '@app/config';
import { ArchiveSweeper } from '../../apps/worker/src/archive/archive-sweeper.service';
import { projectWorkflowId } from '@app/workflows/public-api';
import { bodyOf, submitProject } from '../support/api-projects';
import { eventually } from '../support/eventually';
import { d, sampleApplication, uniqueSuffix } from '../support/fixtures';
import { createRoomyMentor, HttpAs, signedInUser } from '../support/http-client';
import { IntegrationContext, openIntegrationContext } from '../support/integration-context';
import { bootApi } from '../support/test-api';
import { uploadedPlan } from '../support/plan-uploads';

interface Secrets {
  memberId: string;
  planSummary: string;
  companyName: string;
}

/** Every payload's `data` in a history (the SDK's JSON), base64-decoded, as one text. */
function payloadBytes(historyJson: string): string {
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'data' && typeof value === 'string') {
        texts.push(Buffer.from(value, 'base64').toString('utf8'));
      } else walk(value);
    }
  };
  walk(JSON.parse(historyJson));
  return texts.join('\n');
}

/** What of the secrets a text holds. */
function found(text: string, secrets: Secrets): string[] {
  return Object.values<string>({ ...secrets }).filter((secret) => text.includes(secret));
}

interface Deployment {
  ctx: IntegrationContext;
  app: NestFastifyApplication;
  staff: HttpAs;
  staff2: HttpAs;
  mentor: HttpAs;
  mentorId: string;
  reviewer: HttpAs;
}

async function deploy(name: string, keys: string): Promise<Deployment> {
  const ctx = await openIntegrationContext(name, {
    TEMPORAL_PAYLOAD_KEYS: keys,
  });
  const app = await bootApi(ctx.config);
  const mentorId = await createRoomyMentor(ctx.db);
  const [staff, staff2, mentor, reviewer] = await Promise.all([
    signedInUser(app, ctx.db, 'staff'),
    signedInUser(app, ctx.db, 'staff'),
    signedInUser(app, ctx.db, 'mentor', { mentorId }),
    signedInUser(app, ctx.db, 'reviewer'),
  ]);
  return { ctx, app, staff, staff2, mentor, mentorId, reviewer };
}

async function undeploy(deployment: Deployment | undefined): Promise<void> {
  await deployment?.app.close();
  await deployment?.ctx.close();
}

/** A project with unique personal data, driven through HTTP until it is incubated (closed). */
async function incubatedProject(
  deployment: Deployment,
): Promise<{ projectId: string; secrets: Secrets; openState: string }> {
  const suffix = uniqueSuffix();
  const secrets: Secrets = {
    memberId: `S9${suffix}`,
    planSummary: `果园激光雷达市场 ${suffix}`,
    companyName: `Orchard Lidar ${suffix} Co., Ltd.`,
  };
  const base = sampleApplication(suffix);
  const application = {
    ...base,
    teamMembers: base.teamMembers.map((member, i) =>
      i === 0 ? { ...member, memberId: secrets.memberId } : member,
    ),
  };
  const { staff, staff2, mentor, mentorId } = deployment;
  const { projectId } = await submitProject(staff, application);
  const steps: [HttpAs, string, object][] = [
    [staff, 'screening', bodyOf(d.accept)],
    [staff, 'mentor-assignment', { mentorId }],
    [mentor, 'mentor-assignment/accept', {}],
    [
      staff,
      'plan-versions',
      uploadedPlan(1, { summaries: { ...d.plan(1).summaries, market: secrets.planSummary } }),
    ],
    [mentor, 'plan-review/approve', {}],
    [staff, 'investor-contacts', bodyOf(d.contact('c-1', 'invested'))],
    [mentor, 'investment-sign-offs', {}],
    [staff2, 'investment-sign-offs', {}],
    [staff, 'company', bodyOf(d.company({ companyName: secrets.companyName }))],
    [staff, 'incubation-approval', {}],
  ];
  let openState = '';
  for (const [who, action, body] of steps) {
    // The live state (a workflow query, decoded by the API) just before the project closes.
    if (action === 'incubation-approval') {
      openState = JSON.stringify((await staff.get(`/projects/${projectId}`)).body);
    }
    const response = await who.decide(projectId, action, body);
    expect({ action, status: response.status }).toEqual({ action, status: 200 });
  }
  return { projectId, secrets, openState };
}

/** The history exactly as the Temporal server stores it: no codec between the server and us. */
async function rawHistory(deployment: Deployment, projectId: string): Promise<string> {
  const history = await deployment.ctx.client.workflow
    .getHandle(projectWorkflowId(projectId))
    .fetchHistory();
  return historyToJSON(history);
}

async function archivedHistory(deployment: Deployment, projectId: string): Promise<string> {
  const sweeper = deployment.ctx.worker.app.get(ArchiveSweeper);
  return eventually(async () => {
    await sweeper.sweepOnce({ workflowId: projectWorkflowId(projectId) });
    const rows = await deployment.ctx.db.query<{ history: string }>(
      'SELECT history FROM workflow_run_archives WHERE project_id = $1',
      [projectId],
    );
    if (rows.rows.length === 0) throw new Error('not archived yet');
    return rows.rows[0].history;
  }, 20_000);
}

/** What reviewers read through the API: the timeline and its CSV. */
async function apiShows(
  deployment: Deployment,
  projectId: string,
): Promise<Record<string, string>> {
  const state = await deployment.staff.get(`/projects/${projectId}`);
  const timeline = await deployment.reviewer.get(`/projects/${projectId}/timeline`);
  const csv = await deployment.reviewer.get(`/projects/${projectId}/timeline`, { format: 'csv' });
  expect([timeline.status, csv.status]).toEqual([200, 200]);
  return {
    state: JSON.stringify(state.body),
    timeline: JSON.stringify(timeline.body),
    csv: csv.text,
  };
}

describe('encrypted payloads: personal data never sits in plain text in Temporal', () => {
  const oldKey = generatePayloadKey();
  const newKey = generatePayloadKey();
  let encrypted: Deployment | undefined;
  let rotated: Deployment | undefined;
  let plain: Deployment | undefined;
  let first: { projectId: string; secrets: Secrets; openState: string };

  afterAll(async () => {
    await undeploy(encrypted);
    await undeploy(rotated);
    await undeploy(plain);
  });

  it('keeps team member ids, plan summaries and company names out of the raw history and the archive', async () => {
    encrypted = await deploy('codec-on', oldKey);
    first = await incubatedProject(encrypted);
    const raw = payloadBytes(await rawHistory(encrypted, first.projectId));
    expect(raw.length).toBeGreaterThan(0);
    expect(found(raw, first.secrets)).toEqual([]);
    // The archive keeps the ciphertext as fetched.
    expect(
      found(payloadBytes(await archivedHistory(encrypted, first.projectId)), first.secrets),
    ).toEqual([]);

    const shown = await apiShows(encrypted, first.projectId);
    expect(found(first.openState, first.secrets)).toEqual(Object.values(first.secrets));
    expect(found(shown.timeline, first.secrets)).toEqual(
      expect.arrayContaining([first.secrets.planSummary, first.secrets.companyName]),
    );
    expect(shown.csv).toContain(first.secrets.companyName);
  });

  it('after a key rotation, histories written with the old key still decode and new ones use the new key', async () => {
    rotated = await deploy('codec-rotated', `${oldKey},${newKey}`);
    // The old project read through the rotated deployment (its run is archived by now).
    const shown = await apiShows(rotated, first.projectId);
    expect(found(shown.timeline, first.secrets)).toEqual(
      expect.arrayContaining([first.secrets.planSummary, first.secrets.companyName]),
    );
    const replay = await rotated.reviewer.get(`/projects/${first.projectId}/replay-check`);
    expect(replay.body).toEqual(expect.objectContaining({ consistent: true }));

    const second = await incubatedProject(rotated);
    const raw = await rawHistory(rotated, second.projectId);
    expect(found(payloadBytes(raw), second.secrets)).toEqual([]);
    const keyIds = new Set(
      [...raw.matchAll(/"encryption-key-id":\s*"([^"]+)"/g)].map((match) =>
        Buffer.from(match[1], 'base64').toString(),
      ),
    );
    expect([...keyIds]).toEqual([newKey.split(':')[0]]);
  });

  it('with the codec switched off the same search finds them (so the check above can fail)', async () => {
    plain = await deploy('codec-off', '');
    const project = await incubatedProject(plain);
    const raw = payloadBytes(await rawHistory(plain, project.projectId));
    expect(found(raw, project.secrets)).toEqual(Object.values(project.secrets));
  });
});
