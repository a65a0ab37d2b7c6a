import { PendingAction, ProjectState } from './project-state.types';
import { hasCommitment, planAwaitingReview, validSignOffs } from './project-state.rules';
import { Stage } from './stage.types';

/**
 * Who must act next, without due times. Each entry names the decision that moves the project on;
 * its alternatives answer it too (a decline answers `acceptAssignment`, a revision request
 * answers `approvePlan`). A closed project waits for no one; a held one waits for staff to resume.
 */
export function pendingActionsFor(state: ProjectState): PendingAction[] {
  if (state.status === 'CLOSED') return [];
  if (state.status === 'ON_HOLD') return [staff('resumeProject')];
  const { matching } = state;
  switch (state.stage) {
    case Stage.APPLICATION:
      return [
        staff(state.screening.awaitingResubmission ? 'resubmitApplication' : 'screenApplication'),
      ];
    case Stage.MENTOR_MATCHING:
      return matching.proposedMentorId === undefined
        ? [staff('assignMentor')]
        : [mentor('acceptAssignment', matching.proposedMentorId)];
    case Stage.BUSINESS_PLAN:
      if (planAwaitingReview(state)) return [mentor('approvePlan', matching.assignedMentorId)];
      return state.plan.revisionLimitReached
        ? [staff('allowExtraRevisionRound')]
        : [staff('submitPlanVersion')];
    case Stage.INVESTOR_CONTACT:
      return investorContactActions(state);
    case Stage.COMPANY_REGISTRATION:
      return state.company ? [staff('approveIncubation')] : [staff('recordCompany')];
    default:
      return [];
  }
}

function investorContactActions(state: ProjectState): PendingAction[] {
  if (!hasCommitment(state)) return [staff('recordInvestorContact')];
  const valid = validSignOffs(state);
  const actions: PendingAction[] = [];
  if (!valid.some((signOff) => signOff.role === 'mentor')) {
    actions.push(mentor('signOffInvestment', state.matching.assignedMentorId));
  }
  if (!valid.some((signOff) => signOff.role === 'staff')) actions.push(staff('signOffInvestment'));
  return actions;
}

/**
 * Keeps the due time of every action that is still pending for the same person, so an unrelated
 * decision (a staff sign-off while the mentor's is due) does not restart the mentor's clock.
 */
export function carryDueDates(
  previous: readonly PendingAction[],
  next: readonly PendingAction[],
): PendingAction[] {
  return next.map((action) => {
    const same = previous.find(
      (old) =>
        old.action === action.action &&
        old.actorRole === action.actorRole &&
        old.mentorId === action.mentorId,
    );
    return same?.dueAt === undefined ? action : { ...action, dueAt: same.dueAt };
  });
}

function staff(action: PendingAction['action']): PendingAction {
  return { action, actorRole: 'staff' };
}

function mentor(action: PendingAction['action'], mentorId: string | undefined): PendingAction {
  return mentorId === undefined
    ? { action, actorRole: 'mentor' }
    : { action, actorRole: 'mentor', mentorId };
}
