import { setTimeout as sleep } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import type { Application, Decision, DecisionResult } from '@app/domain';
import {
  decisionUpdateFor,
  decisionUpdateId,
  projectWorkflow,
  projectWorkflowId,
  stateQuery,
} from '@app/workflows/public-api';
import { bodyOf } from '../../test/support/api-projects';
import { pdfFile } from '../../test/support/plan-document-files';
import { sampleApplication, startProjectOptions, uniqueSuffix } from '../../test/support/fixtures';
import type { BenchEnvironment, BenchUser } from './environment';

/** The API's route for each decision the benchmarks send. */
const ROUTE: Partial<Record<Decision['type'], string>> = {
  screenApplication: 'screening',
  assignMentor: 'mentor-assignment',
  acceptAssignment: 'mentor-assignment/accept',
  submitPlanVersion: 'plan-versions',
  requestRevision: 'plan-review/request-revision',
  approvePlan: 'plan-review/approve',
  recordInvestorContact: 'investor-contacts',
  signOffInvestment: 'investment-sign-offs',
  recordCompany: 'company',
  approveIncubation: 'incubation-approval',
  addNote: 'notes',
};

export function benchApplication(college?: string): Application {
  const suffix = uniqueSuffix();
  return sampleApplication(`${suffix}-${uniqueSuffix()}`, college ? { college } : {});
}

async function apiCall(
  env: BenchEnvironment,
  user: BenchUser,
  method: 'GET' | 'POST',
  path: string,
  body?: object,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${env.apiUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${user.token}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: await response.json() };
}

export function apiGet(
  env: BenchEnvironment,
  user: BenchUser,
  path: string,
): Promise<{ status: number; body: unknown }> {
  return apiCall(env, user, 'GET', path);
}

/** POST /projects until its 201 (which carries the first state). Returns the project id. */
export async function apiSubmit(env: BenchEnvironment, application: Application): Promise<string> {
  const answer = await apiCall(env, env.staff, 'POST', '/projects', application, {
    'Idempotency-Key': `bench-${randomUUID()}`,
  });
  const body = answer.body as { projectId: string; state: unknown };
  if (answer.status !== 201) {
    throw new Error(`POST /projects answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  }
  // A 201 without a state: the worker did not answer the first query within the API's
  // deadline (a loaded machine). The raw side waits for its first state too, so wait here.
  if (!body.state) await firstStateOverHttp(env, body.projectId);
  return body.projectId;
}

async function firstStateOverHttp(env: BenchEnvironment, projectId: string): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    const view = await apiGet(env, env.staff, `/projects/${projectId}`);
    if (view.status === 200) return;
    await sleep(100);
  }
  throw new Error(`project ${projectId} never answered GET /projects/:id`);
}

/** The same workflow started with the raw client, until its first state query answers. */
export async function rawStart(env: BenchEnvironment, application: Application): Promise<string> {
  const { projectId, options } = startProjectOptions(
    env.config.TEMPORAL_TASK_QUEUE,
    application,
    env.config.policy,
    env.staff.actor,
  );
  const handle = await env.client.workflow.start(projectWorkflow, options);
  await handle.query(stateQuery);
  return projectId;
}

/** Starts on another task queue (the memory benchmark's worker), until the first state. Returns the project id. */
export async function rawStartOn(
  env: BenchEnvironment,
  taskQueue: string,
  application: Application,
): Promise<string> {
  const { projectId, options } = startProjectOptions(taskQueue, application, env.config.policy);
  const handle = await env.client.workflow.start(projectWorkflow, options);
  await handle.query(stateQuery);
  return projectId;
}

const MAX_RETRIES = 10;

/** How many decisions the API answered 503 and the benchmark sent again (same decisionId). */
export const decisionRetries = { count: 0 };

export async function apiDecide(
  env: BenchEnvironment,
  user: BenchUser,
  projectId: string,
  decision: Decision,
): Promise<DecisionResult> {
  const route = ROUTE[decision.type];
  if (!route) throw new Error(`no route for ${decision.type}`);
  const body = { decisionId: randomUUID(), ...(await apiBodyOf(env, user, projectId, decision)) };
  let answer = await apiCall(env, user, 'POST', `/projects/${projectId}/${route}`, body);
  // The API's contract: a 503 (Temporal did not answer within its deadline) is retried with
  // the same decisionId, which the workflow takes at most once. Counted, not hidden.
  for (let attempt = 1; answer.status === 503 && attempt <= MAX_RETRIES; attempt++) {
    decisionRetries.count += 1;
    await sleep(100 * attempt);
    answer = await apiCall(env, user, 'POST', `/projects/${projectId}/${route}`, body);
  }
  if (answer.status !== 200) {
    throw new Error(`${route} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  }
  return answer.body as DecisionResult;
}

/**
 * The body a client sends: a plan version names only an uploaded document (the server hashes
 * it), so the client uploads the plan first, as a user does; the raw side's workflow takes the
 * document record directly.
 */
async function apiBodyOf(
  env: BenchEnvironment,
  user: BenchUser,
  projectId: string,
  decision: Decision,
): Promise<Record<string, unknown>> {
  if (decision.type !== 'submitPlanVersion') return bodyOf(decision);
  const form = new FormData();
  form.append('file', new Blob([pdfFile(2_000)], { type: 'application/pdf' }), 'plan.pdf');
  const response = await fetch(`${env.apiUrl}/projects/${projectId}/plan-documents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${user.token}` },
    body: form,
  });
  const uploaded = (await response.json()) as { documentId: string };
  if (response.status !== 201) {
    throw new Error(`plan upload answered ${response.status}: ${JSON.stringify(uploaded)}`);
  }
  return { documentId: uploaded.documentId, summaries: decision.summaries };
}

/** What the API sends for the same decision: same arguments, same update id scheme. */
export function rawDecide(
  env: BenchEnvironment,
  user: BenchUser,
  projectId: string,
  decision: Decision,
): Promise<DecisionResult> {
  const decisionId = randomUUID();
  return env.client.workflow
    .getHandle(projectWorkflowId(projectId))
    .executeUpdate(decisionUpdateFor(decision.type), {
      args: [{ decisionId, actor: user.actor, decision }],
      updateId: decisionUpdateId(decisionId, user.actor, decision),
    });
}

/** Waits until every project has its read-model row (the API finds projects through it). */
export async function readModelRows(env: BenchEnvironment, projectIds: string[]): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const found = await env.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM projects WHERE id = ANY($1::uuid[])',
      [projectIds],
    );
    if (found.rows[0].n === projectIds.length) return;
    await sleep(200);
  }
  throw new Error('read-model rows did not appear within 60 s');
}
