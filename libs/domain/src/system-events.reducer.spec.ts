import { ProjectState } from './project-state.types';
import {
  applyMentorTimeout,
  applyMentorUnavailable,
  flagNeedsAttention,
  recordMentorConflict,
  setDueDate,
} from './system-events.reducer';
import { at, d, mentorA, NOW, POLICY, run, staff } from './testing/domain.fixtures';
import { expectProposalEnded } from './testing/matching.expectations';

const LATER = '2025-03-06T02:00:00.000Z';

describe('applyMentorTimeout', () => {
  it('excludes the silent mentor as timed out and waits for another assignment', () => {
    const proposed = at.proposed();
    const next = applyMentorTimeout(proposed, POLICY, 'm-a', LATER);
    expectProposalEnded(next, {
      mentorId: 'm-a',
      reason: 'timed_out',
      at: LATER,
      failedMatches: 1,
    });
    expect(next.version).toBe(proposed.version + 1);
    expect(proposed.matching.proposedMentorId).toBe('m-a');
  });

  it('flags after the policy number of failed matches', () => {
    const twice = run(
      at.proposed(),
      [
        [mentorA, d.decline],
        [staff, d.assign('m-b')],
      ],
      { ...POLICY, maxFailedMatches: 2 },
    );
    const next = applyMentorTimeout(twice, { ...POLICY, maxFailedMatches: 2 }, 'm-b', LATER);
    expect(next.flags).toEqual({
      needsAttention: true,
      reasons: ['matching-failed-repeatedly'],
      flaggedAt: LATER,
    });
  });

  it.each<[string, () => ProjectState, string]>([
    ['the mentor already accepted', at.businessPlan, 'm-a'],
    [
      'another mentor is proposed now',
      () =>
        run(at.proposed(), [
          [mentorA, d.decline],
          [staff, d.assign('m-b')],
        ]),
      'm-a',
    ],
    ['the project is on hold', () => run(at.proposed(), [[staff, d.hold]]), 'm-a'],
    ['the project is withdrawn', () => run(at.proposed(), [[staff, d.withdraw]]), 'm-a'],
  ])('is a no-op (same object) when %s', (_label, state, mentorId) => {
    const before = state();
    expect(applyMentorTimeout(before, POLICY, mentorId, LATER)).toBe(before);
  });
});

describe('flagNeedsAttention', () => {
  it('flags with a reason and bumps the version', () => {
    const state = at.planInReview();
    const flagged = flagNeedsAttention(state, 'overdue:approvePlan', LATER);
    expect(flagged.flags).toEqual({
      needsAttention: true,
      reasons: ['overdue:approvePlan'],
      flaggedAt: LATER,
    });
    expect(flagged.version).toBe(state.version + 1);
  });

  it('adds a second reason, ignores a repeated one, and clears when someone acts', () => {
    const once = flagNeedsAttention(at.planInReview(), 'overdue:approvePlan', LATER);
    const twice = flagNeedsAttention(once, 'stalled', LATER);
    expect(twice.flags.reasons).toEqual(['overdue:approvePlan', 'stalled']);
    expect(flagNeedsAttention(twice, 'stalled', LATER)).toBe(twice);
    expect(run(twice, [[mentorA, d.approvePlan]]).flags).toEqual({
      needsAttention: false,
      reasons: [],
    });
  });

  it('leaves a closed project alone', () => {
    const closed = at.incubated();
    expect(flagNeedsAttention(closed, 'stalled', LATER)).toBe(closed);
  });
});

describe('setDueDate', () => {
  it.each<[string, () => ProjectState, Parameters<typeof setDueDate>[1], boolean]>([
    ['sets the due time of a pending action', at.application, 'screenApplication', true],
    ['ignores an action that is not pending', at.application, 'approvePlan', false],
  ])('%s', (_label, state, action, changes) => {
    const before = state();
    const after = setDueDate(before, action, LATER);
    if (changes) {
      expect(after.pendingActions[0].dueAt).toBe(LATER);
      expect(after.version).toBe(before.version + 1);
    } else {
      expect(after).toBe(before);
    }
  });

  it('is a no-op when the due time is already set', () => {
    const once = setDueDate(at.application(), 'screenApplication', LATER);
    expect(setDueDate(once, 'screenApplication', LATER)).toBe(once);
  });
});

describe('recordMentorConflict', () => {
  it('excludes the mentor for conflict and withdraws the proposal without counting a failed match', () => {
    const next = recordMentorConflict(at.proposed(), 'm-a', NOW);
    expectProposalEnded(next, {
      mentorId: 'm-a',
      reason: 'conflict',
      at: NOW,
      failedMatches: 0,
    });
  });

  it('is a no-op for a mentor already excluded', () => {
    const once = recordMentorConflict(at.matching(), 'm-z', NOW);
    expect(recordMentorConflict(once, 'm-z', NOW)).toBe(once);
  });
});

describe('applyMentorUnavailable', () => {
  it('lets the proposal lapse without excluding the mentor, and flags the project', () => {
    const proposed = at.proposed();
    const next = applyMentorUnavailable(proposed, 'm-a', LATER);
    expect(next.matching.proposedMentorId).toBeUndefined();
    expect(next.matching.excludedMentors).toEqual([]);
    expect(next.matching.failedMatches).toBe(0);
    expect(next.flags).toEqual(
      expect.objectContaining({ needsAttention: true, reasons: ['mentor-at-capacity'] }),
    );
    expect(next.pendingActions).toEqual([{ action: 'assignMentor', actorRole: 'staff' }]);
    expect(next.version).toBe(proposed.version + 1);
  });

  it.each([
    ['another mentor', at.proposed(), 'm-b'],
    ['no proposal', at.matching(), 'm-a'],
    ['a closed project', run(at.proposed(), [[staff, d.withdraw]]), 'm-a'],
  ])('changes nothing for %s', (_what, state, mentorId) => {
    expect(applyMentorUnavailable(state, mentorId, LATER)).toBe(state);
  });
});
