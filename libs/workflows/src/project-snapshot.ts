import { isTerminal, ProjectState, Stage } from '@app/domain';
import type { ProjectSnapshot } from './activities.types';

function nextDueAt(state: ProjectState): string | null {
  const due = state.pendingActions
    .map((action) => action.dueAt)
    .filter((at): at is string => typeof at === 'string')
    .sort();
  return due[0] ?? null;
}

/**
 * The read-model row of a project state. The workflow records one per transition; the API
 * writes the first one (version 0, before the workflow's own version 1) in the submission's
 * transaction, so the project can be found the moment its id is handed out.
 */
export function projectSnapshotOf(
  state: ProjectState,
  workflowId: string,
  nowIso: string,
): ProjectSnapshot {
  return {
    projectId: state.projectId,
    workflowId,
    title: state.application.title,
    college: state.application.college,
    stage: state.stage,
    status: state.status,
    mentorId: state.matching.assignedMentorId ?? state.matching.proposedMentorId ?? null,
    assignedMentorId: state.matching.assignedMentorId ?? null,
    needsAttention: state.flags.needsAttention,
    attentionReasons: state.flags.reasons,
    nextDueAt: nextDueAt(state),
    pendingActions: state.pendingActions,
    revisionRounds: state.plan.revisionRounds,
    version: state.version,
    createdAt: state.createdAt,
    updatedAt: nowIso,
    closedAt: isTerminal(state.stage) ? nowIso : null,
    releasesTitle: state.stage === Stage.REJECTED || state.stage === Stage.WITHDRAWN,
  };
}
