import { Actor, actsAsStaff } from './actor.types';
import { Decision, DecisionOf, decisionNote } from './decisions.types';
import { judgeDecision } from './judge-decision.rules';
import { LIMITS } from './limits.constants';
import { Policy } from './policy.types';
import { hasCommitment, investmentSignedOff, latestPlanVersion } from './project-state.rules';
import { DecisionResult, FLAG_REASONS, PlanReview, ProjectState } from './project-state.types';
import { companyRegistrationOf, investorContactOf } from './record-fields.rules';
import { Refusal } from './refusal.types';
import { ProjectStatus, Stage } from './stage.types';
import {
  addExclusion,
  closeProject,
  enterStage,
  failProposal,
  raiseFlag,
  settle,
} from './state-transitions.rules';

export interface AppliedDecision {
  state: ProjectState;
  result: DecisionResult;
}

interface Effect {
  state: ProjectState;
  message: string;
}

/**
 * Applies a decision that `judgeDecision` accepted and returns the new state (the input is not
 * changed) with the caller's answer. Any accepted decision by a person clears `needsAttention`:
 * someone is acting, and the decision's own effects may raise the flag again.
 */
export function applyDecision(
  state: ProjectState,
  policy: Policy,
  actor: Actor,
  decision: Decision,
  decisionId: string,
  nowIso: string,
): AppliedDecision {
  const attended: ProjectState = { ...state, flags: { needsAttention: false, reasons: [] } };
  const effect = effectOf(attended, policy, actor, decision, nowIso);
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
      lastDecisionAt: nowIso,
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

function effectOf(
  state: ProjectState,
  policy: Policy,
  actor: Actor,
  decision: Decision,
  now: string,
): Effect {
  switch (decision.type) {
    case 'screenApplication':
      return screen(state, decision, now);
    case 'resubmitApplication':
      return {
        state: {
          ...state,
          application: decision.application,
          screening: { ...state.screening, awaitingResubmission: false },
        },
        message: 'The revised application waits for screening.',
      };
    case 'assignMentor':
      return {
        state: {
          ...state,
          matching: { ...state.matching, proposedMentorId: decision.mentorId, proposedAt: now },
        },
        message: `Mentor ${decision.mentorId} is asked to accept the assignment.`,
      };
    case 'acceptAssignment':
      return {
        state: enterStage(
          {
            ...state,
            matching: {
              ...state.matching,
              assignedMentorId: state.matching.proposedMentorId,
              proposedMentorId: undefined,
              proposedAt: undefined,
            },
          },
          Stage.BUSINESS_PLAN,
          now,
        ),
        message: 'The mentor accepted; the project moves to BUSINESS_PLAN.',
      };
    case 'declineAssignment':
      return {
        state: failProposal(state, policy, 'declined', now),
        message: 'The mentor declined and is excluded from this project; assign another mentor.',
      };
    case 'submitPlanVersion':
      return submitPlan(state, actor, decision, now);
    case 'approvePlan':
      return {
        state: enterStage(
          review(state, actor, 'approved', decision.comment, now),
          Stage.INVESTOR_CONTACT,
          now,
        ),
        message: 'The business plan is approved; the project moves to INVESTOR_CONTACT.',
      };
    case 'requestRevision':
      return requestRevision(state, policy, actor, decision.comment, now);
    case 'allowExtraRevisionRound':
      return {
        state: {
          ...state,
          plan: {
            ...state.plan,
            extraRoundsAllowed: state.plan.extraRoundsAllowed + 1,
            revisionLimitReached: false,
          },
        },
        message: 'One more revision round is allowed; staff may submit a revised plan.',
      };
    case 'recordInvestorContact':
      return recordContact(state, actor, decision, now);
    case 'amendInvestorContact':
      return amendContact(state, actor, decision, now);
    case 'signOffInvestment':
      return signOff(state, actor, decision.comment, now);
    case 'recordCompany':
      return {
        state: {
          ...state,
          company: {
            ...companyRegistrationOf(decision),
            recordedBy: actor.userId,
            recordedAt: now,
          },
        },
        message: 'The company is recorded; it waits for the final approval.',
      };
    case 'amendCompany':
      return {
        state: {
          ...state,
          company: {
            ...companyRegistrationOf(decision),
            recordedBy: state.company?.recordedBy ?? actor.userId,
            recordedAt: state.company?.recordedAt ?? now,
            amendedBy: actor.userId,
            amendedAt: now,
          },
        },
        message: 'The company record is amended.',
      };
    case 'approveIncubation':
      return {
        state: closeProject(state, Stage.INCUBATED, undefined, now),
        message: 'The project is incubated.',
      };
    case 'withdraw':
      return {
        state: closeProject(state, Stage.WITHDRAWN, decision.reason, now),
        message: 'The project is withdrawn.',
      };
    case 'replaceMentor':
      return replaceMentor(state, decision, now);
    case 'extendDeadline':
      // The new due time needs the working-day calendar: the workflow computes it and calls setDueDate.
      return { state, message: `The deadline of ${decision.action} is extended.` };
    case 'putOnHold':
      return {
        state: {
          ...state,
          status: ProjectStatus.ON_HOLD,
          hold: {
            since: now,
            by: actor.userId,
            reason: decision.reason,
            pausedActions: state.pendingActions,
          },
        },
        message: 'The project is on hold; its deadlines are paused.',
      };
    case 'resumeProject':
      return {
        state: { ...state, status: ProjectStatus.ACTIVE, hold: undefined },
        message: 'The project is resumed.',
      };
  }
}

function screen(
  state: ProjectState,
  decision: DecisionOf<'screenApplication'>,
  now: string,
): Effect {
  switch (decision.outcome) {
    case 'accept':
      return {
        state: enterStage(state, Stage.MENTOR_MATCHING, now),
        message: 'The application is accepted; the project moves to MENTOR_MATCHING.',
      };
    case 'reject':
      return {
        state: closeProject(
          { ...state, screening: { ...state.screening, rejectionReason: decision.comment } },
          Stage.REJECTED,
          decision.comment,
          now,
        ),
        message: 'The application is rejected.',
      };
    case 'return':
      return {
        state: {
          ...state,
          screening: {
            ...state.screening,
            awaitingResubmission: true,
            returnedCount: state.screening.returnedCount + 1,
            lastReturnComment: decision.comment,
          },
        },
        message: 'The application is returned to the team for revision.',
      };
  }
}

function submitPlan(
  state: ProjectState,
  actor: Actor,
  decision: DecisionOf<'submitPlanVersion'>,
  now: string,
): Effect {
  const version = state.plan.versions.length + 1;
  const submitted = {
    version,
    document: { ...decision.document },
    summaries: { ...decision.summaries },
    submittedAt: now,
    submittedBy: actor.userId,
    ...(decision.comment ? { comment: decision.comment } : {}),
  };
  return {
    state: { ...state, plan: { ...state.plan, versions: [...state.plan.versions, submitted] } },
    message: `Plan version ${version} waits for the mentor's review.`,
  };
}

/** Records the mentor's review on the version awaiting it (the latest). */
function review(
  state: ProjectState,
  actor: Actor,
  outcome: PlanReview['outcome'],
  comment: string | undefined,
  now: string,
): ProjectState {
  const latest = latestPlanVersion(state);
  if (!latest) return state;
  const planReview: PlanReview = {
    outcome,
    by: actor.userId,
    ...(actor.mentorId ? { mentorId: actor.mentorId } : {}),
    ...(comment ? { comment } : {}),
    at: now,
  };
  const versions = [...state.plan.versions.slice(0, -1), { ...latest, review: planReview }];
  return { ...state, plan: { ...state.plan, versions } };
}

function requestRevision(
  state: ProjectState,
  policy: Policy,
  actor: Actor,
  comment: string,
  now: string,
): Effect {
  const reviewed = review(state, actor, 'revision_requested', comment, now);
  const revisionRounds = reviewed.plan.revisionRounds + 1;
  const limitReached =
    revisionRounds >= policy.maxRevisionRounds + reviewed.plan.extraRoundsAllowed;
  const next: ProjectState = {
    ...reviewed,
    plan: { ...reviewed.plan, revisionRounds, revisionLimitReached: limitReached },
  };
  return limitReached
    ? {
        state: raiseFlag(next, FLAG_REASONS.revisionLimitReached, now),
        message:
          'A revision is requested, but the revision limit is reached: staff must allow an extra round.',
      }
    : { state: next, message: `Revision ${revisionRounds} is requested.` };
}

function recordContact(
  state: ProjectState,
  actor: Actor,
  decision: DecisionOf<'recordInvestorContact'>,
  now: string,
): Effect {
  const contact = { ...investorContactOf(decision), recordedBy: actor.userId, recordedAt: now };
  return {
    state: {
      ...state,
      investorContacts: [...state.investorContacts, contact],
      contactsRevision: state.contactsRevision + 1,
    },
    message: signOffsClearedMessage(state, 'The investor contact is recorded.'),
  };
}

function amendContact(
  state: ProjectState,
  actor: Actor,
  decision: DecisionOf<'amendInvestorContact'>,
  now: string,
): Effect {
  const investorContacts = state.investorContacts.map((contact) =>
    contact.contactId === decision.contactId
      ? {
          ...investorContactOf(decision),
          recordedBy: contact.recordedBy,
          recordedAt: contact.recordedAt,
          amendedBy: actor.userId,
          amendedAt: now,
        }
      : contact,
  );
  const next = { ...state, investorContacts, contactsRevision: state.contactsRevision + 1 };
  // After the stage closed, an amendment cannot reopen it, but losing the commitment needs eyes.
  const lostCommitment = state.stage === Stage.COMPANY_REGISTRATION && !hasCommitment(next);
  return {
    state: lostCommitment ? raiseFlag(next, FLAG_REASONS.noCommitmentAfterAmendment, now) : next,
    message: signOffsClearedMessage(state, 'The investor contact is amended.'),
  };
}

function signOffsClearedMessage(state: ProjectState, done: string): string {
  return state.stage === Stage.INVESTOR_CONTACT && state.signOffs.length > 0
    ? `${done} Earlier sign-offs no longer count and must be given again.`
    : done;
}

function signOff(
  state: ProjectState,
  actor: Actor,
  comment: string | undefined,
  now: string,
): Effect {
  const asStaff = actsAsStaff(actor);
  const given = {
    userId: actor.userId,
    role: asStaff ? ('staff' as const) : ('mentor' as const),
    ...(!asStaff && actor.mentorId ? { mentorId: actor.mentorId } : {}),
    at: now,
    contactsRevision: state.contactsRevision,
    ...(comment ? { comment } : {}),
  };
  const next = { ...state, signOffs: [...state.signOffs, given] };
  if (hasCommitment(next) && investmentSignedOff(next)) {
    return {
      state: enterStage(next, Stage.COMPANY_REGISTRATION, now),
      message: 'Both sign-offs are given; the project moves to COMPANY_REGISTRATION.',
    };
  }
  return {
    state: next,
    message: `The ${given.role} sign-off is recorded; the ${asStaff ? 'mentor' : 'staff'} sign-off is still needed.`,
  };
}

function replaceMentor(
  state: ProjectState,
  decision: DecisionOf<'replaceMentor'>,
  now: string,
): Effect {
  const previous = state.matching.assignedMentorId;
  const excluded = previous === undefined ? state : addExclusion(state, previous, 'replaced', now);
  return {
    state: { ...excluded, matching: { ...excluded.matching, assignedMentorId: decision.mentorId } },
    message: `Mentor ${decision.mentorId} replaces ${previous ?? 'nobody'} as the project's mentor.`,
  };
}
