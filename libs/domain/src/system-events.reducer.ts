import { DecisionType } from './decisions.types';
import { LIMITS } from './limits.constants';
import { Policy } from './policy.types';
import { isMentorExcluded } from './project-state.rules';
import { FLAG_REASONS, ProjectState } from './project-state.types';
import { Stage } from './stage.types';
import { addExclusion, failProposal, raiseFlag, settle } from './state-transitions.rules';

/**
 * Things that happen to a project without a person deciding: timers firing, activities reporting.
 * Each returns a new state with a bumped version, or the very same state object when the event no
 * longer applies (a late timer, a repeated flag), so the workflow can skip writing anything.
 */

/** The proposed mentor did not accept in time: exclude them and wait for another assignment. */
export function applyMentorTimeout(
  state: ProjectState,
  policy: Policy,
  mentorId: string,
  nowIso: string,
): ProjectState {
  const stillWaiting =
    state.status === 'ACTIVE' &&
    state.stage === Stage.MENTOR_MATCHING &&
    state.matching.proposedMentorId === mentorId;
  if (!stillWaiting) return state;
  return settle(
    failProposal(state, policy, 'timed_out', nowIso),
    state.pendingActions,
    state.version,
  );
}

/** An overdue step, a stall or a failed activity: flag the project until someone acts. */
export function flagNeedsAttention(
  state: ProjectState,
  reason: string,
  nowIso: string,
): ProjectState {
  if (state.status === 'CLOSED') return state;
  const bounded = reason.slice(0, LIMITS.text.flagReason);
  if (state.flags.needsAttention && state.flags.reasons.includes(bounded)) return state;
  return settle(raiseFlag(state, bounded, nowIso), state.pendingActions, state.version);
}

/** Sets the due time the workflow computed (policy + working-day calendar) for a pending action. */
export function setDueDate(
  state: ProjectState,
  action: DecisionType,
  dueAtIso: string,
): ProjectState {
  const matching = state.pendingActions.filter((pending) => pending.action === action);
  if (matching.length === 0 || matching.every((pending) => pending.dueAt === dueAtIso))
    return state;
  return {
    ...state,
    pendingActions: state.pendingActions.map((pending) =>
      pending.action === action ? { ...pending, dueAt: dueAtIso } : pending,
    ),
    version: state.version + 1,
  };
}

/**
 * An activity found a conflict of interest for a mentor (checked outside the workflow): never
 * propose them again, and withdraw a pending proposal to them. Not a failed match: the mentor
 * did not refuse.
 */
export function recordMentorConflict(
  state: ProjectState,
  mentorId: string,
  nowIso: string,
): ProjectState {
  if (state.status === 'CLOSED' || isMentorExcluded(state, mentorId)) return state;
  const excluded = addExclusion(state, mentorId, 'conflict', nowIso);
  const next: ProjectState =
    excluded.matching.proposedMentorId === mentorId
      ? {
          ...excluded,
          matching: { ...excluded.matching, proposedMentorId: undefined, proposedAt: undefined },
        }
      : excluded;
  return settle(next, state.pendingActions, state.version);
}

/**
 * The proposed mentor tried to accept but has no spare place left (checked by an activity under
 * a database lock). The proposal lapses without excluding the mentor, whose place may free up
 * later, and the project is flagged so staff assign someone else.
 */
export function applyMentorUnavailable(
  state: ProjectState,
  mentorId: string,
  nowIso: string,
): ProjectState {
  if (state.status !== 'ACTIVE' || state.matching.proposedMentorId !== mentorId) return state;
  const lapsed: ProjectState = {
    ...state,
    matching: { ...state.matching, proposedMentorId: undefined, proposedAt: undefined },
  };
  return settle(
    raiseFlag(lapsed, FLAG_REASONS.mentorAtCapacity, nowIso),
    state.pendingActions,
    state.version,
  );
}
