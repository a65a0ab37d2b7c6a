import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { Application } from '@app/domain';
import { projectWorkflowId, stateQuery } from '@app/workflows/public-api';
import { bodyOf } from '../../support/api-projects';
import { d, sampleApplication, uniqueSuffix } from '../../support/fixtures';
import { UploadedPlan, uploadedPlan } from '../../support/plan-uploads';
import { RetryingClient } from './retrying-client';
import { ScenarioTally } from './tally';

/** The people of a run: two staff members and a mentor, each with a client of their own. */
export interface Crew {
  staff: RetryingClient[];
  mentor: RetryingClient;
  mentorId: string;
}

type Who = 'staff' | 'otherStaff' | 'mentor';

/** Application to INCUBATED over HTTP, with a revision round and two investor contacts. */
export const HTTP_PATH: {
  who: Who;
  action: string;
  body: (crew: Crew) => object | UploadedPlan;
}[] = [
  { who: 'staff', action: 'screening', body: () => bodyOf(d.accept) },
  { who: 'staff', action: 'mentor-assignment', body: (crew) => ({ mentorId: crew.mentorId }) },
  { who: 'mentor', action: 'mentor-assignment/accept', body: () => ({}) },
  { who: 'staff', action: 'plan-versions', body: () => uploadedPlan(1) },
  { who: 'mentor', action: 'plan-review/request-revision', body: () => bodyOf(d.revise) },
  { who: 'otherStaff', action: 'plan-versions', body: () => uploadedPlan(2) },
  { who: 'mentor', action: 'plan-review/approve', body: () => bodyOf(d.approvePlan) },
  { who: 'staff', action: 'investor-contacts', body: () => bodyOf(d.contact('c-1', 'meeting')) },
  {
    who: 'otherStaff',
    action: 'investor-contacts',
    body: () => bodyOf(d.contact('c-2', 'term_sheet')),
  },
  { who: 'mentor', action: 'investment-sign-offs', body: () => ({}) },
  { who: 'staff', action: 'investment-sign-offs', body: () => ({}) },
  { who: 'otherStaff', action: 'company', body: () => bodyOf(d.company()) },
  { who: 'staff', action: 'incubation-approval', body: () => ({}) },
];

/** A fault and the moment it strikes: once this many decisions were accepted in the run. */
export interface Fault {
  afterAccepted: number;
  /** Injects the fault and resolves once it is repaired (the window is closed by the runner). */
  strike(): Promise<void>;
}

/** A small seeded random source, so a run's "random moments" can be repeated (RELIABILITY_SEED). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function accepted(tally: ScenarioTally): number {
  return tally.sent.filter((sent) => sent.ending === 'accepted').length;
}

/**
 * A task a killed worker had started (a workflow task, or an activity such as the recording a
 * decision waits for) is given back only when its timeout runs out, 10 s and 30 s, and the next
 * decision on that project waits for it: answering a query, which the new worker does at once,
 * does not show that.
 */
function waitsOnAStartedTask(
  raw: temporal.api.workflowservice.v1.IDescribeWorkflowExecutionResponse,
): boolean {
  const started = temporal.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED;
  return (
    Boolean(raw.pendingWorkflowTask) ||
    (raw.pendingActivities ?? []).some((activity) => activity.state === started)
  );
}

/**
 * Resolves once every open project's workflow answers a query again and waits on no task
 * started before (the fault is over for it).
 */
export async function everyProjectAnswers(
  client: Client,
  projectIds: string[],
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  await Promise.all(
    projectIds.map(async (projectId) => {
      for (;;) {
        try {
          const handle = client.workflow.getHandle(projectWorkflowId(projectId));
          const description = await handle.describe();
          if (description.status.name !== 'RUNNING') return;
          if (waitsOnAStartedTask(description.raw))
            throw new Error('a started task is outstanding');
          await Promise.race([
            handle.query(stateQuery),
            new Promise((_, reject) => setTimeout(() => reject(new Error('slow')), 5_000)),
          ]);
          return;
        } catch (error) {
          if (Date.now() > deadline) {
            throw new Error(`${projectId} did not answer again: ${(error as Error).message}`, {
              cause: error,
            });
          }
          await sleep(500);
        }
      }
    }),
  );
}

/**
 * Resolves once the task queue holds no waiting workflow or activity task (twice in a row,
 * half a second apart): a restarted worker first works through what piled up while it was
 * away, and until then a new decision can outlast the API's Temporal deadline. That catching
 * up is still the fault's doing, so a scenario closes its window only after it.
 */
export async function backlogDrained(
  client: Client,
  taskQueue: string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const backlog = async (taskQueueType: temporal.api.enums.v1.TaskQueueType): Promise<number> => {
    const answer = await client.workflowService.describeTaskQueue({
      namespace: client.options.namespace,
      taskQueue: { name: taskQueue },
      taskQueueType,
      reportStats: true,
    });
    return Number(answer.stats?.approximateBacklogCount ?? 0);
  };
  let emptyInARow = 0;
  while (emptyInARow < 2 && Date.now() < deadline) {
    const { TASK_QUEUE_TYPE_WORKFLOW, TASK_QUEUE_TYPE_ACTIVITY } =
      temporal.api.enums.v1.TaskQueueType;
    const waiting =
      (await backlog(TASK_QUEUE_TYPE_WORKFLOW)) + (await backlog(TASK_QUEUE_TYPE_ACTIVITY));
    emptyInARow = waiting === 0 ? emptyInARow + 1 : 0;
    await sleep(500);
  }
}

/** The fault is repaired: every project answers again and the worker has caught up. */
export async function caughtUp(
  client: Client,
  taskQueue: string,
  projectIds: string[],
): Promise<void> {
  await everyProjectAnswers(client, projectIds);
  await backlogDrained(client, taskQueue);
}

/**
 * Projects submitted one after another (so starts are in flight throughout) and each walked
 * along HTTP_PATH by the crew, all at once, while the faults strike at their moments. A
 * project whose step was not accepted stops there (noted as a problem: every project should
 * finish). Resolves with the ids of the projects that were created.
 */
export async function runPipelineUnderFaults(options: {
  tally: ScenarioTally;
  crew: Crew;
  projects: number;
  /** Pause between two submissions. */
  staggerMs: number;
  faults: Fault[];
  random: () => number;
  application?: (index: number) => Application;
  /** Filled with the ids of the projects created, as they are (faults probe them). */
  created: string[];
}): Promise<string[]> {
  const { tally, crew, random, created } = options;
  const pickStaff = (who: Who): RetryingClient =>
    who === 'otherStaff' ? crew.staff[1 % crew.staff.length] : crew.staff[0];

  let faultsDone = Promise.resolve();
  const pending = [...options.faults];
  let watching = true;
  const watcher = (async () => {
    while (watching && pending.length > 0) {
      if (accepted(tally) >= pending[0].afterAccepted) {
        const fault = pending.shift()!;
        faultsDone = faultsDone.then(() => fault.strike());
        await faultsDone;
      } else {
        await sleep(25 + random() * 50);
      }
    }
  })();

  const walks = Array.from({ length: options.projects }, async (_, index) => {
    await sleep(index * options.staggerMs);
    const application = options.application?.(index) ?? sampleApplication(uniqueSuffix());
    const submitter = crew.staff[index % crew.staff.length];
    const start = await submitter.submit(application);
    if (start.ending !== 'accepted' || !start.projectId) {
      tally.problem(
        `the start of ${application.college} ended ${start.ending} ${start.lastStatus}`,
      );
      return;
    }
    const projectId = start.projectId;
    created.push(projectId);
    for (const step of HTTP_PATH) {
      const who = step.who === 'mentor' ? crew.mentor : pickStaff(step.who);
      const sent = await who.decide(projectId, step.action, step.body(crew));
      if (sent.ending !== 'accepted') {
        tally.problem(
          `${projectId} stopped at ${step.action}: ${sent.ending} ${sent.lastStatus} ${JSON.stringify(sent.answer ?? {})}`,
        );
        return;
      }
    }
  });
  await Promise.all(walks);
  watching = false;
  await watcher;
  await faultsDone;
  if (pending.length > 0) {
    tally.notes.push(`${pending.length} fault(s) never struck: the run ended first`);
  }
  return created;
}

/** Every created project's workflow completed and its read model says INCUBATED. */
export async function expectEveryProjectFinished(
  tally: ScenarioTally,
  client: Client,
  readStage: (projectId: string) => Promise<string | undefined>,
  projectIds: string[],
  timeoutMs = 120_000,
): Promise<void> {
  // One deadline for them all: a run whose projects stopped (a refused step) fails in two
  // minutes, not two minutes per project.
  const deadline = Date.now() + timeoutMs;
  for (const projectId of projectIds) {
    const handle = client.workflow.getHandle(projectWorkflowId(projectId));
    try {
      const left = Math.max(deadline - Date.now(), 1_000);
      await Promise.race([
        handle.result(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('not done')), left)),
      ]);
    } catch (error) {
      tally.problem(`${projectId} did not finish: ${(error as Error).message}`);
      continue;
    }
    const readDeadline = Date.now() + 30_000;
    let stage = await readStage(projectId);
    while (stage !== 'INCUBATED' && Date.now() < readDeadline) {
      await sleep(300);
      stage = await readStage(projectId);
    }
    if (stage !== 'INCUBATED') tally.problem(`${projectId} read model says ${stage}`);
  }
}
