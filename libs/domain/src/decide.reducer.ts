import { Actor } from './actor.types';
import { Decision, decisionSpecOf } from './decisions';
import { decisionNote } from './decisions.types';
import { judgeDecision } from './judge-decision.rules';
import { LIMITS } from './limits.constants';
import { Policy } from './policy.types';
import { DecisionResult, ProjectState } from './project-state.types';
import { Refusal } from './refusal.types';
import { settle } from './state-transitions.rules';

export interface AppliedDecision {
  state: ProjectState;
  result: DecisionResult;
}

/**
 * Applies a decision that `judgeDecision` accepted and returns the new state (the input is not
 * changed) with the caller's answer. An accepted decision by a person clears `needsAttention`
 * (someone is acting, and the decision's own effects may raise the flag again) unless its spec
 * says it does not attend to the project (a note). Each type's effect is in decisions/<type>.ts.
 */
export function applyDecision(
  state: ProjectState,
  policy: Policy,
  actor: Actor,
  decision: Decision,
  decisionId: string,
  nowIso: string,
): AppliedDecision {
  const spec = decisionSpecOf(decision);
  const attended: ProjectState = spec.attends
    ? { ...state, flags: { needsAttention: false, reasons: [] } }
    : state;
  const effect = spec.effect(attended, decision, { policy, actor, now: nowIso });
  // Resuming restores what was pending before the hold, due times included.
  const previousPending =
    decision.type === 'resumeProject' && state.hold
      ? state.hold.pausedActions
      : state.pendingActions;
  const note = decisionNote(decision);
  const summary = {
    decisionId,
    type: decision.type,
    actor,
    at: nowIso,
    ...(note ? { comment: note } : {}),
  };
  const next = settle(
    {
      ...effect.state,
      // The stall watch counts from the last decision that attends to the project.
      lastDecisionAt: spec.attends ? nowIso : state.lastDecisionAt,
      lastDecisions: [...state.lastDecisions, summary].slice(-LIMITS.list.lastDecisions),
    },
    previousPending,
    state.version,
  );
  return {
    state: next,
    result: {
      decisionId,
      type: decision.type,
      accepted: true,
      stage: next.stage,
      status: next.status,
      version: next.version,
      message: effect.message,
    },
  };
}

/** Judges, then applies: the refusal, or the new state and answer. */
export function decide(
  state: ProjectState,
  policy: Policy,
  actor: Actor,
  decision: Decision,
  decisionId: string,
  nowIso: string,
): { refusal: Refusal } | AppliedDecision {
  const refusal = judgeDecision(state, actor, decision);
  return refusal ? { refusal } : applyDecision(state, policy, actor, decision, decisionId, nowIso);
}
