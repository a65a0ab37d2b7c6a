import { Actor, Decision, Stage } from '@app/domain';
import { d, mentorA, staff, staff2, TEST_MENTORS } from './fixtures';
import { decide, ProjectHandle } from './project-driver';
import type { PlanUploads } from './workflow-plan-uploads';

export interface PipelineStep {
  what: string;
  actor: Actor;
  decision: Decision;
  /** The stage after the step. */
  stage: Stage;
}

/** Application to INCUBATED, with a revision round and a contact that is not a commitment. */
export const HAPPY_PATH: PipelineStep[] = [
  {
    what: 'staff accepts the application',
    actor: staff,
    decision: d.accept,
    stage: 'MENTOR_MATCHING',
  },
  {
    what: 'staff assigns a mentor',
    actor: staff,
    decision: d.assign(TEST_MENTORS.a.id),
    stage: 'MENTOR_MATCHING',
  },
  {
    what: 'the mentor accepts',
    actor: mentorA,
    decision: d.acceptAssignment,
    stage: 'BUSINESS_PLAN',
  },
  { what: 'staff submits plan v1', actor: staff, decision: d.plan(1), stage: 'BUSINESS_PLAN' },
  {
    what: 'the mentor asks for a revision',
    actor: mentorA,
    decision: d.revise,
    stage: 'BUSINESS_PLAN',
  },
  { what: 'staff submits plan v2', actor: staff, decision: d.plan(2), stage: 'BUSINESS_PLAN' },
  {
    what: 'the mentor approves the plan',
    actor: mentorA,
    decision: d.approvePlan,
    stage: 'INVESTOR_CONTACT',
  },
  {
    what: 'staff records a meeting',
    actor: staff,
    decision: d.contact('c-1', 'meeting'),
    stage: 'INVESTOR_CONTACT',
  },
  {
    what: 'staff records a term sheet',
    actor: staff,
    decision: d.contact('c-2', 'term_sheet'),
    stage: 'INVESTOR_CONTACT',
  },
  { what: 'the mentor signs off', actor: mentorA, decision: d.signOff, stage: 'INVESTOR_CONTACT' },
  {
    what: 'a staff member signs off',
    actor: staff2,
    decision: d.signOff,
    stage: 'COMPANY_REGISTRATION',
  },
  {
    what: 'staff records the company',
    actor: staff,
    decision: d.company(),
    stage: 'COMPANY_REGISTRATION',
  },
  {
    what: 'staff approves incubation',
    actor: staff,
    decision: d.approveIncubation,
    stage: 'INCUBATED',
  },
];

/**
 * Drives a project along the happy path until it first reaches `stage`. Past the business plan
 * `plans` uploads each plan version's document (a fixture's invented record is never sent).
 */
export async function driveTo(
  handle: ProjectHandle,
  stage: Stage,
  plans?: PlanUploads,
): Promise<void> {
  if (stage === 'APPLICATION') return;
  for (const step of HAPPY_PATH) {
    if (step.decision.type === 'submitPlanVersion' && !plans) {
      throw new Error(`driving to ${stage} submits a plan: pass the suite's plan uploads`);
    }
    const decision = plans ? await plans.sendableFor(handle, step.decision) : step.decision;
    await decide(handle, step.actor, decision);
    if (step.stage === stage) return;
  }
  throw new Error(`the happy path never reaches ${stage}`);
}
