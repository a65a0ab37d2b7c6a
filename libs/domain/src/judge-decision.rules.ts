import { Actor, ACTOR_ROLES } from './actor.types';
import { DecisionShapeOptions, validateDecisionShape } from './decision-shape.rules';
import { Decision, decisionSpecOf } from './decisions';
import { ProjectState } from './project-state.types';
import { Refusal, ruleRefused, wrongStage } from './refusal.types';
import { projectClosedIn, reviewerReadOnly } from './refusals';

/**
 * Whether `actor` may take `decision` on the project as it stands: null when it may, otherwise
 * the first reason it may not. Pure and synchronous, so the workflow's Update validator can run
 * it and reject a decision without leaving a trace in the history.
 *
 * Order matters for what the caller is told: who is asking (a reviewer, a mentor on someone
 * else's project) comes before the project's stage, so a stranger learns nothing about it.
 */
export function judgeDecision(
  state: ProjectState,
  actor: Actor,
  decision: Decision,
  shapeOptions?: DecisionShapeOptions,
): Refusal | null {
  if (actor.role === 'reviewer') {
    return reviewerReadOnly();
  }
  if (!ACTOR_ROLES.includes(actor.role)) {
    return ruleRefused('unknown-role', `The role "${String(actor.role)}" may not decide anything.`);
  }
  const shape = validateDecisionShape(decision, shapeOptions);
  if (shape.length > 0) return shape[0];
  return (
    judgeRole(state, actor, decision) ??
    judgeProjectOpen(state, decision) ??
    judgeStage(state, decision) ??
    judgeRules(state, actor, decision)
  );
}

function judgeRole(state: ProjectState, actor: Actor, decision: Decision): Refusal | null {
  const { authority } = decisionSpecOf(decision).permission;
  if (actor.role === 'mentor') {
    if (authority === 'staff') {
      return ruleRefused('staff-only', `Only staff may take the decision ${decision.type}.`);
    }
    const { proposedMentorId, assignedMentorId } = state.matching;
    const mine =
      actor.mentorId !== undefined &&
      (actor.mentorId === proposedMentorId || actor.mentorId === assignedMentorId);
    return mine
      ? null
      : ruleRefused(
          'not-your-project',
          'This project is not proposed or assigned to you as mentor.',
        );
  }
  return authority === 'mentor'
    ? ruleRefused(
        'mentor-only',
        `Only the project's mentor may take the decision ${decision.type}.`,
      )
    : null;
}

function judgeProjectOpen(state: ProjectState, decision: Decision): Refusal | null {
  if (state.status === 'CLOSED') {
    return projectClosedIn(state.stage);
  }
  if (state.status === 'ON_HOLD') {
    if (decision.type === 'putOnHold') {
      return ruleRefused('already-on-hold', 'The project is already on hold.');
    }
    if (!decisionSpecOf(decision).whileOnHold) {
      return wrongStage(
        'on-hold',
        'The project is on hold: resume it before deciding anything else.',
      );
    }
  } else if (decision.type === 'resumeProject') {
    return ruleRefused('not-on-hold', 'The project is not on hold, so it cannot be resumed.');
  }
  return null;
}

function judgeStage(state: ProjectState, decision: Decision): Refusal | null {
  const { stages } = decisionSpecOf(decision).permission;
  return stages.includes(state.stage)
    ? null
    : wrongStage(
        'wrong-stage',
        `${decision.type} is possible in ${stages.join(' or ')}, but the project is in ${state.stage}.`,
      );
}

function judgeRules(state: ProjectState, actor: Actor, decision: Decision): Refusal | null {
  return decisionSpecOf(decision).judge(state, actor, decision);
}
