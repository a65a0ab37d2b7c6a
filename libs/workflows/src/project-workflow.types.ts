import type {
  Actor,
  Application,
  Decision,
  DecisionRecord,
  MentorRanking,
  Policy,
  ProjectState,
} from '@app/domain';
import type { TimingState } from './deadline-tracks';

export interface ProjectWorkflowInput {
  projectId: string;
  application: Application;
  /** The policy in force when the project started; the project keeps it for life. */
  policy: Policy;
  submittedBy: Actor;
  /**
   * When the API accepted the application (the project's createdAt, also in its first
   * read-model row). Absent from workflows started before it was passed: they took their start.
   */
  submittedAt?: string;
  /** Set when the workflow continued as new: the state and decisions so far. */
  carried?: CarriedState;
}

export interface CarriedState {
  state: ProjectState;
  decisions: Record<string, DecisionRecord>;
  timing: TimingState;
  ranking?: MentorRanking;
}

/** The argument of every decision Update: who decides (from authentication) and what. */
export interface DecisionInput<D extends Decision = Decision> {
  /** Chosen by the client; the key of idempotency across runs and in the audit log. */
  decisionId: string;
  actor: Actor;
  decision: D;
}

/** What the state query answers: the project as it stands, with the policy it runs under. */
export interface ProjectView {
  workflowId: string;
  state: ProjectState;
  policy: Policy;
  /** The deadlines being watched, with the reminders already sent. */
  timing: TimingState;
  /** The latest explained ranking of mentors, while a mentor is to be assigned. */
  ranking?: MentorRanking;
}

export function projectWorkflowId(projectId: string): string {
  return `project-${projectId}`;
}
