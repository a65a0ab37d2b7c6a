import {
  allHandlersFinished,
  condition,
  continueAsNew,
  defineQuery,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { DECISION_TYPES, DecisionResult, isTerminal } from '@app/domain';
import { DecisionLog } from './decision-log';
import { decisionUpdates } from './decision-updates';
import { ProjectClock } from './project-clock';
import { ProjectRun } from './project-run';
import type { DecisionInput, ProjectView, ProjectWorkflowInput } from './project-workflow.types';
import { activities } from './workflow-activities';

export const stateQuery = defineQuery<ProjectView>('state');

/**
 * One project, from application to INCUBATED (or REJECTED / WITHDRAWN).
 *
 * The parts, as Temporal's safe-message-handlers sample keeps handlers and state apart:
 * - `ProjectRun` (project-run.ts): the state of this run and its recorder;
 * - `DecisionLog` (decision-log.ts): every human decision is an Update whose validator applies
 *   the domain's rules to the current state, so a refused decision never reaches the history;
 * - `ProjectClock` (project-clock.ts): between decisions the main loop keeps time (due dates,
 *   reminders, overdue steps, the stall watch, a silent mentor's proposal, the mentor ranking).
 * This file registers the handlers, runs the main loop and hands over through continue-as-new.
 */
export async function projectWorkflow(input: ProjectWorkflowInput): Promise<ProjectView> {
  const run = new ProjectRun(input, workflowInfo());
  const clock = new ProjectClock(run);
  const decisions = new DecisionLog(run, clock, input.carried?.decisions);

  setHandler(stateQuery, () => run.view());

  for (const type of DECISION_TYPES) {
    setHandler(
      decisionUpdates[type],
      (decision: DecisionInput): Promise<DecisionResult> => decisions.handle(type, decision),
      { validator: (decision: DecisionInput): void => decisions.validate(type, decision) },
    );
  }

  if (!input.carried) {
    await run.recorder.system(
      'application-submitted',
      'applicationSubmitted',
      {
        title: run.state.application.title,
        college: run.state.application.college,
      },
      input.submittedBy,
    );
  } else {
    run.recorder.mirror();
  }

  while (!isTerminal(run.state.stage) && !workflowInfo().continueAsNewSuggested) {
    await clock.keepTime();
  }
  // Let every accepted decision finish (and its records land) before closing or handing over.
  await condition(allHandlersFinished);
  await run.recorder.settled();
  if (!isTerminal(run.state.stage)) {
    const { state, timing, ranking } = run;
    await continueAsNew<typeof projectWorkflow>({
      ...input,
      carried: { state, decisions: decisions.records, timing, ranking },
    });
  }
  if (run.state.matching.assignedMentorId) {
    // An ended project no longer holds a place in its mentor's capacity.
    await activities.releaseMentorPlace({
      projectId: run.state.projectId,
      mentorId: run.state.matching.assignedMentorId,
    });
  }
  return run.view();
}
