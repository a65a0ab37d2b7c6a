import { Actor, actsAsStaff, ACTOR_ROLES } from './actor.types';
import { canonicalJson } from './decision-hash.rules';
import { DECISION_PERMISSIONS } from './decision-permissions.rules';
import { DecisionShapeOptions, validateDecisionShape } from './decision-shape.rules';
import { Decision, DecisionOf } from './decisions.types';
import { LIMITS } from './limits.constants';
import {
  hasCommitment,
  isMentorExcluded,
  planAwaitingReview,
  validSignOffs,
} from './project-state.rules';
import { ProjectState } from './project-state.types';
import { companyRegistrationOf } from './record-fields.rules';
import { Refusal, ruleRefused, wrongStage } from './refusal.types';

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
    return ruleRefused('reviewer-read-only', 'Reviewers may read projects but decide nothing.');
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
  const { authority } = DECISION_PERMISSIONS[decision.type];
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
    return wrongStage(
      'project-closed',
      `The project is closed (${state.stage}); it takes no more decisions.`,
    );
  }
  if (state.status === 'ON_HOLD') {
    if (decision.type === 'putOnHold') {
      return ruleRefused('already-on-hold', 'The project is already on hold.');
    }
    if (decision.type !== 'resumeProject' && decision.type !== 'withdraw') {
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
  const { stages } = DECISION_PERMISSIONS[decision.type];
  return stages.includes(state.stage)
    ? null
    : wrongStage(
        'wrong-stage',
        `${decision.type} is possible in ${stages.join(' or ')}, but the project is in ${state.stage}.`,
      );
}

function judgeRules(state: ProjectState, actor: Actor, decision: Decision): Refusal | null {
  switch (decision.type) {
    case 'screenApplication':
      return state.screening.awaitingResubmission
        ? ruleRefused(
            'awaiting-resubmission',
            'The application was returned to the team; it is screened again after its resubmission.',
          )
        : null;
    case 'resubmitApplication':
      return judgeResubmission(state, decision);
    case 'assignMentor':
      return judgeAssignment(state, decision.mentorId);
    case 'acceptAssignment':
    case 'declineAssignment':
      return judgeAnswerToProposal(state, actor);
    case 'submitPlanVersion':
      return judgePlanSubmission(state);
    case 'approvePlan':
    case 'requestRevision':
      return judgeReview(state, actor);
    case 'recordInvestorContact':
      return judgeNewContact(state, decision);
    case 'amendInvestorContact':
      return judgeContactAmendment(state, decision);
    case 'signOffInvestment':
      return judgeSignOff(state, actor);
    case 'recordCompany':
      return state.company
        ? ruleRefused(
            'company-already-recorded',
            'The company is already recorded; amend it instead.',
          )
        : null;
    case 'amendCompany':
      return judgeCompanyAmendment(state, decision);
    case 'approveIncubation':
      return state.company
        ? null
        : ruleRefused('no-company', 'Record the company before approving the incubation.');
    case 'replaceMentor':
      return judgeReplacement(state, decision.mentorId);
    case 'extendDeadline':
      return state.pendingActions.some((pending) => pending.action === decision.action)
        ? null
        : ruleRefused(
            'no-such-pending-action',
            `No ${decision.action} is pending, so its deadline cannot be extended.`,
            'action',
          );
    case 'allowExtraRevisionRound':
      return state.plan.revisionLimitReached
        ? null
        : ruleRefused(
            'revision-limit-not-reached',
            'An extra revision round can only be allowed once the revision limit is reached.',
          );
    case 'withdraw':
    case 'putOnHold':
    case 'resumeProject':
      return null;
  }
}

function judgeResubmission(
  state: ProjectState,
  decision: DecisionOf<'resubmitApplication'>,
): Refusal | null {
  if (!state.screening.awaitingResubmission) {
    return ruleRefused(
      'not-returned',
      'Only an application returned by screening can be resubmitted.',
    );
  }
  // The title claim (unique per college, held in the database since submission) names the
  // project: a resubmission revises the content, not the title or the college.
  if (decision.application.college !== state.application.college) {
    return ruleRefused(
      'college-fixed',
      `A resubmission keeps the college "${state.application.college}"; apply as a new project instead.`,
      'application.college',
    );
  }
  if (decision.application.title !== state.application.title) {
    return ruleRefused(
      'title-fixed',
      `A resubmission keeps the title "${state.application.title}"; apply as a new project instead.`,
      'application.title',
    );
  }
  return null;
}

function judgeAssignment(state: ProjectState, mentorId: string): Refusal | null {
  if (state.matching.proposedMentorId !== undefined) {
    return ruleRefused(
      'assignment-pending',
      `Mentor ${state.matching.proposedMentorId} has not answered the assignment yet.`,
    );
  }
  return mentorExclusionRefusal(state, mentorId);
}

function judgeAnswerToProposal(state: ProjectState, actor: Actor): Refusal | null {
  const proposed = state.matching.proposedMentorId;
  if (proposed === undefined) {
    return ruleRefused('no-assignment-pending', 'No mentor assignment is waiting for an answer.');
  }
  return actor.mentorId === proposed
    ? null
    : ruleRefused('not-your-project', 'This assignment was proposed to another mentor.');
}

function judgePlanSubmission(state: ProjectState): Refusal | null {
  const waiting = planAwaitingReview(state);
  if (waiting) {
    return ruleRefused(
      'plan-awaiting-review',
      `Plan version ${waiting.version} is still awaiting the mentor's review.`,
    );
  }
  return state.plan.revisionLimitReached
    ? ruleRefused(
        'revision-limit-reached',
        'The maximum number of revision rounds is reached; staff may allow an extra round.',
      )
    : null;
}

function judgeReview(state: ProjectState, actor: Actor): Refusal | null {
  if (actor.mentorId !== state.matching.assignedMentorId) {
    return ruleRefused('not-your-project', 'Only the assigned mentor reviews this business plan.');
  }
  return planAwaitingReview(state)
    ? null
    : ruleRefused('no-plan-awaiting-review', 'No business-plan version is awaiting review.');
}

function judgeNewContact(
  state: ProjectState,
  decision: DecisionOf<'recordInvestorContact'>,
): Refusal | null {
  if (state.investorContacts.some((contact) => contact.contactId === decision.contactId)) {
    return ruleRefused(
      'contact-id-used',
      `The contact id ${decision.contactId} is already used; amend that contact instead.`,
      'contactId',
    );
  }
  return state.investorContacts.length >= LIMITS.list.investorContacts
    ? ruleRefused(
        'too-many-contacts',
        `A project may record at most ${LIMITS.list.investorContacts} investor contacts.`,
      )
    : null;
}

function judgeContactAmendment(
  state: ProjectState,
  decision: DecisionOf<'amendInvestorContact'>,
): Refusal | null {
  const current = state.investorContacts.find(
    (contact) => contact.contactId === decision.contactId,
  );
  if (!current) {
    return ruleRefused(
      'unknown-contact',
      `No investor contact has the id ${decision.contactId}.`,
      'contactId',
    );
  }
  const fields = ['investorName', 'kind', 'date', 'outcome', 'amountFen'] as const;
  // An amendment that changes nothing would still clear the sign-offs: refuse it.
  return fields.every((field) => current[field] === decision[field])
    ? ruleRefused('no-change', 'The amendment changes nothing in the contact.')
    : null;
}

function judgeSignOff(state: ProjectState, actor: Actor): Refusal | null {
  if (actor.role === 'mentor' && actor.mentorId !== state.matching.assignedMentorId) {
    return ruleRefused('not-your-project', 'Only the assigned mentor signs off this project.');
  }
  if (!hasCommitment(state)) {
    return ruleRefused(
      'no-commitment',
      'Sign-off needs at least one commitment: a term sheet, an investment or a grant.',
    );
  }
  const valid = validSignOffs(state);
  if (valid.some((signOff) => signOff.userId === actor.userId)) {
    return ruleRefused(
      'signoff-same-person',
      'You have already signed off these contacts; the second sign-off must come from someone else.',
    );
  }
  const role = actsAsStaff(actor) ? 'staff' : 'mentor';
  return valid.some((signOff) => signOff.role === role)
    ? ruleRefused(
        'signoff-already-given',
        `A ${role} sign-off is already given for these contacts; the other one must come from the ${role === 'staff' ? 'mentor' : 'staff'}.`,
      )
    : null;
}

function judgeCompanyAmendment(
  state: ProjectState,
  decision: DecisionOf<'amendCompany'>,
): Refusal | null {
  if (!state.company) {
    return ruleRefused('no-company', 'No company is recorded yet; record it first.');
  }
  const amended = canonicalJson(companyRegistrationOf(decision));
  return amended === canonicalJson(companyRegistrationOf(state.company))
    ? ruleRefused('no-change', 'The amendment changes nothing in the company record.')
    : null;
}

function judgeReplacement(state: ProjectState, mentorId: string): Refusal | null {
  if (mentorId === state.matching.assignedMentorId) {
    return ruleRefused(
      'same-mentor',
      `Mentor ${mentorId} is already the assigned mentor.`,
      'mentorId',
    );
  }
  return mentorExclusionRefusal(state, mentorId);
}

const EXCLUSION_WHY: Record<string, string> = {
  declined: 'they declined it',
  timed_out: 'they did not answer in time',
  conflict: 'of a conflict of interest',
  replaced: 'they were replaced',
};

/** An excluded mentor is refused with why: declined, timed out, conflict, replaced. */
function mentorExclusionRefusal(state: ProjectState, mentorId: string): Refusal | null {
  if (!isMentorExcluded(state, mentorId)) return null;
  const excluded = state.matching.excludedMentors.find((entry) => entry.mentorId === mentorId);
  const why = EXCLUSION_WHY[excluded?.reason ?? ''] ?? `of ${String(excluded?.reason)}`;
  return ruleRefused(
    'mentor-excluded',
    `Mentor ${mentorId} is excluded from this project because ${why}.`,
    'mentorId',
  );
}
