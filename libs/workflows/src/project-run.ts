import type { WorkflowInfo } from '@temporalio/workflow';
import { createInitialState, MentorRanking, Policy, ProjectState } from '@app/domain';
import type { NotificationRecipient } from './activities.types';
import type { TimingState } from './deadline-tracks';
import { ProjectRecorder } from './project-recorder';
import type { ProjectView, ProjectWorkflowInput } from './project-workflow.types';

export const nowIso = (): string => new Date().toISOString();

/**
 * What one run of a project's workflow holds, apart from the handlers that change it (as in
 * Temporal's safe-message-handlers sample): the domain state, the timers' bookkeeping, the
 * latest mentor ranking, and the recorder that leaves each transition in the read model and the
 * audit chain. The decision log and the clock share this one object.
 */
export class ProjectRun {
  state: ProjectState;
  timing: TimingState;
  ranking: MentorRanking | undefined;
  /** Proposals that lapsed because the mentor could no longer take the project. */
  proposalsLapsed = 0;
  readonly policy: Policy;
  readonly recorder: ProjectRecorder;

  constructor(
    input: ProjectWorkflowInput,
    readonly info: WorkflowInfo,
  ) {
    this.policy = input.policy;
    this.state =
      input.carried?.state ??
      createInitialState(input.projectId, input.application, input.submittedAt ?? nowIso());
    this.timing = input.carried?.timing ?? { tracks: [], assignmentRequests: [] };
    this.ranking = input.carried?.ranking;
    this.recorder = new ProjectRecorder(info, () => this.state);
  }

  view(): ProjectView {
    const { info, state, policy, timing, ranking } = this;
    return { workflowId: info.workflowId, state, policy, timing, ranking };
  }

  /** Who answers for a pending step: its mentor, or staff. */
  responsible(pending: { actorRole: string; mentorId?: string }): NotificationRecipient {
    return pending.actorRole === 'mentor' && pending.mentorId
      ? { mentorId: pending.mentorId }
      : { role: 'staff' };
  }
}
