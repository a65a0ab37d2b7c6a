import { isCommitment } from './investor-contact.types';
import { PlanVersion, ProjectState, SignOff } from './project-state.types';

/** Questions about a state that several rules ask; pure reads, no changes. */

export function hasCommitment(state: ProjectState): boolean {
  return state.investorContacts.some((contact) => isCommitment(contact.outcome));
}

/**
 * Sign-offs that still count: given for the contacts as they stand now and, for a mentor's, by
 * the mentor currently assigned. Older ones stay in `signOffs` as history.
 */
export function validSignOffs(state: ProjectState): SignOff[] {
  return state.signOffs.filter(
    (signOff) =>
      signOff.contactsRevision === state.contactsRevision &&
      (signOff.role === 'staff' || signOff.mentorId === state.matching.assignedMentorId),
  );
}

/** A mentor's and a staff member's valid sign-offs, by two different people. */
export function investmentSignedOff(state: ProjectState): boolean {
  const valid = validSignOffs(state);
  return valid.some(
    (mentor) =>
      mentor.role === 'mentor' &&
      valid.some((staff) => staff.role === 'staff' && staff.userId !== mentor.userId),
  );
}

export function latestPlanVersion(state: ProjectState): PlanVersion | undefined {
  return state.plan.versions[state.plan.versions.length - 1];
}

export function planAwaitingReview(state: ProjectState): PlanVersion | undefined {
  const latest = latestPlanVersion(state);
  return latest && !latest.review ? latest : undefined;
}

export function isMentorExcluded(state: ProjectState, mentorId: string): boolean {
  return state.matching.excludedMentors.some((excluded) => excluded.mentorId === mentorId);
}

/** The mentor ids involved in the project (proposed or assigned), e.g. for search attributes. */
export function currentMentorIds(state: ProjectState): string[] {
  const { proposedMentorId, assignedMentorId } = state.matching;
  return [proposedMentorId, assignedMentorId].filter((id): id is string => id !== undefined);
}
