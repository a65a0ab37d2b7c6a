import type { ProjectState } from '../project-state.types';

/**
 * The proposal ended: the mentor is excluded for `reason` at `at`, nobody is proposed any more,
 * and staff are asked to assign another mentor.
 */
export function expectProposalEnded(
  state: ProjectState,
  ended: { mentorId: string; reason: string; at: string; failedMatches: number },
): void {
  expect(state.matching).toEqual(
    expect.objectContaining({
      proposedMentorId: undefined,
      failedMatches: ended.failedMatches,
      excludedMentors: [{ mentorId: ended.mentorId, reason: ended.reason, at: ended.at }],
    }),
  );
  expect(state.pendingActions).toEqual([{ action: 'assignMentor', actorRole: 'staff' }]);
}
