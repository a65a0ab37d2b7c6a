import { carryDueDates, pendingActionsFor } from './pending-actions.rules';
import { Policy } from './policy.types';
import { ExclusionReason, FLAG_REASONS, PendingAction, ProjectState } from './project-state.types';
import { ProjectStatus, Stage } from './stage.types';

/** Building blocks shared by the decision reducer and the system events. All return new states. */

export function enterStage(state: ProjectState, stage: Stage, nowIso: string): ProjectState {
  return { ...state, stage, stageEnteredAt: nowIso };
}

export function closeProject(
  state: ProjectState,
  stage: Stage,
  reason: string | undefined,
  nowIso: string,
): ProjectState {
  const closed: ProjectState = {
    ...enterStage(state, stage, nowIso),
    status: ProjectStatus.CLOSED,
    hold: undefined,
  };
  return reason === undefined ? closed : { ...closed, closedReason: reason };
}

/** Adds a flag reason once; the flag stays until a person's decision is accepted. */
export function raiseFlag(state: ProjectState, reason: string, nowIso: string): ProjectState {
  const reasons = state.flags.reasons.includes(reason)
    ? state.flags.reasons
    : [...state.flags.reasons, reason];
  return { ...state, flags: { needsAttention: true, reasons, flaggedAt: nowIso } };
}

export function addExclusion(
  state: ProjectState,
  mentorId: string,
  reason: ExclusionReason,
  nowIso: string,
): ProjectState {
  const excludedMentors = [...state.matching.excludedMentors, { mentorId, reason, at: nowIso }];
  return { ...state, matching: { ...state.matching, excludedMentors } };
}

/**
 * A proposed mentor declined or did not answer in time: never propose them again, count the
 * failed match and wait for staff to assign someone else, flagging the project once matching
 * has failed as often as the policy allows.
 */
export function failProposal(
  state: ProjectState,
  policy: Policy,
  reason: 'declined' | 'timed_out',
  nowIso: string,
): ProjectState {
  const mentorId = state.matching.proposedMentorId;
  if (mentorId === undefined) return state;
  const excluded = addExclusion(state, mentorId, reason, nowIso);
  const failedMatches = state.matching.failedMatches + 1;
  const next: ProjectState = {
    ...excluded,
    matching: {
      ...excluded.matching,
      proposedMentorId: undefined,
      proposedAt: undefined,
      failedMatches,
    },
  };
  return failedMatches >= policy.maxFailedMatches
    ? raiseFlag(next, FLAG_REASONS.matchingFailedRepeatedly, nowIso)
    : next;
}

/**
 * Recomputes who must act, keeping due times of actions still pending for the same person, and
 * bumps the version: every change to the state goes through here.
 */
export function settle(
  next: ProjectState,
  previousPending: readonly PendingAction[],
  previousVersion: number,
): ProjectState {
  return {
    ...next,
    pendingActions: carryDueDates(previousPending, pendingActionsFor(next)),
    version: previousVersion + 1,
  };
}
