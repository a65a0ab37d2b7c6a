import { setTimeout as sleep } from 'node:timers/promises';
import type { Response } from 'supertest';
import { Application, Decision, limitFor, PendingAction, Policy } from '@app/domain';
import { projectWorkflowId } from '@app/workflows/public-api';
import { d, sampleApplication, uniqueSuffix } from './fixtures';
import type { HttpAs } from './http-client';
import type { IntegrationContext } from './integration-context';
import { uploadedPlan } from './plan-uploads';

/** A decision as an HTTP body: its fields without the type, which the route names. */
export function bodyOf(decision: Decision): Record<string, unknown> {
  return Object.fromEntries(Object.entries(decision).filter(([key]) => key !== 'type'));
}

export interface SubmittedApiProject {
  projectId: string;
  workflowId: string;
  application: Application;
}

/** Submits a valid application through POST /projects and fails loudly unless it is created. */
export async function submitProject(
  staff: HttpAs,
  application: Application = sampleApplication(uniqueSuffix()),
): Promise<SubmittedApiProject> {
  const response = await staff.post('/projects', application, {
    'Idempotency-Key': `submit-${uniqueSuffix()}`,
  });
  if (response.status !== 201) {
    throw new Error(`POST /projects answered ${response.status}: ${JSON.stringify(response.body)}`);
  }
  const { projectId, workflowId } = response.body as { projectId: string; workflowId: string };
  return { projectId, workflowId, application };
}

/** Sends a decision that must be accepted, failing with the answer's body if it is not. */
export async function decideOk(
  who: HttpAs,
  projectId: string,
  action: string,
  body: object,
): Promise<Response> {
  const response = await who.decide(projectId, action, body);
  if (response.status !== 200) {
    throw new Error(
      `${action} on ${projectId} answered ${response.status}: ${JSON.stringify(response.body)}`,
    );
  }
  return response;
}

/** Points along the happy path that a test may want a project to stand at. */
export const MILESTONES = [
  'APPLICATION',
  'MENTOR_MATCHING',
  'PROPOSED',
  'BUSINESS_PLAN',
  'PLAN_IN_REVIEW',
  'INVESTOR_CONTACT',
  'COMMITTED',
  'STAFF_SIGNED_OFF',
  'COMPANY_REGISTRATION',
] as const;
export type Milestone = (typeof MILESTONES)[number];

/**
 * Drives a submitted project through HTTP to `milestone`: staff screen, assign `mentorId`, the
 * mentor accepts, a plan is submitted and approved, a term sheet is recorded, staff then the
 * mentor sign off.
 */
export async function driveProjectTo(
  people: { staff: HttpAs; mentor: HttpAs; mentorId: string },
  projectId: string,
  milestone: Milestone,
): Promise<void> {
  const { staff, mentor, mentorId } = people;
  const steps: [Milestone, HttpAs, string, object][] = [
    ['MENTOR_MATCHING', staff, 'screening', bodyOf(d.accept)],
    ['PROPOSED', staff, 'mentor-assignment', { mentorId }],
    ['BUSINESS_PLAN', mentor, 'mentor-assignment/accept', {}],
    ['PLAN_IN_REVIEW', staff, 'plan-versions', uploadedPlan(1)],
    ['INVESTOR_CONTACT', mentor, 'plan-review/approve', {}],
    ['COMMITTED', staff, 'investor-contacts', bodyOf(d.contact('c-1', 'term_sheet'))],
    ['STAFF_SIGNED_OFF', staff, 'investment-sign-offs', {}],
    ['COMPANY_REGISTRATION', mentor, 'investment-sign-offs', {}],
  ];
  for (const [reached, who, action, body] of steps) {
    if (MILESTONES.indexOf(reached) > MILESTONES.indexOf(milestone)) return;
    await decideOk(who, projectId, action, body);
  }
}

/** What any change to a project moves: its state version, its history and its audit rows. */
export interface ProjectFootprint {
  version: number;
  historyLength: number;
  auditRows: number;
}

interface FootprintReading extends ProjectFootprint {
  /** Every pending step that has a time limit already has its due time. */
  dueDatesSet: boolean;
}

async function readFootprint(
  ctx: IntegrationContext,
  staff: HttpAs,
  projectId: string,
): Promise<FootprintReading> {
  const detail = await staff.get(`/projects/${projectId}`);
  if (detail.status !== 200) {
    throw new Error(`GET /projects/${projectId} answered ${detail.status}`);
  }
  const body = detail.body as
    | {
        source: 'workflow';
        state: { version: number; pendingActions: PendingAction[] };
        policy: Policy;
      }
    | { source: 'read-model'; version: number };
  const history = await ctx.client.workflow.getHandle(projectWorkflowId(projectId)).fetchHistory();
  const audit = await ctx.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM audit_events WHERE project_id = $1',
    [projectId],
  );
  const common = { historyLength: history.events?.length ?? 0, auditRows: audit.rows[0].n };
  if (body.source === 'read-model') return { ...common, version: body.version, dueDatesSet: true };
  const { policy, state } = body;
  return {
    ...common,
    version: state.version,
    dueDatesSet: state.pendingActions.every(
      (pending) => !limitFor(policy, pending.action) || pending.dueAt !== undefined,
    ),
  };
}

/**
 * The project's footprint once the workflow is idle: due dates and mentor rankings land
 * asynchronously after a transition, so it waits for two equal readings a moment apart with
 * every time-limited step given its due time.
 */
export async function quiescentFootprint(
  ctx: IntegrationContext,
  staff: HttpAs,
  projectId: string,
  timeoutMs = 20_000,
): Promise<ProjectFootprint> {
  const deadline = Date.now() + timeoutMs;
  let previous: FootprintReading | undefined;
  for (;;) {
    const reading = await readFootprint(ctx, staff, projectId);
    if (
      previous &&
      reading.dueDatesSet &&
      reading.version === previous.version &&
      reading.historyLength === previous.historyLength &&
      reading.auditRows === previous.auditRows
    ) {
      return {
        version: reading.version,
        historyLength: reading.historyLength,
        auditRows: reading.auditRows,
      };
    }
    if (Date.now() > deadline) {
      throw new Error(`project ${projectId} did not become idle: ${JSON.stringify(reading)}`);
    }
    previous = reading;
    await sleep(300);
  }
}
