import { applyDecision, decide } from './decide.reducer';
import { Decision } from './decisions.types';
import { ProjectState } from './project-state.types';
import { validSignOffs } from './project-state.rules';
import { setDueDate } from './system-events.reducer';
import {
  at,
  d,
  mentorA,
  mentorB,
  mentorC,
  NOW,
  POLICY,
  run,
  staff,
  staff2,
  validApplication,
} from './testing/domain.fixtures';
import { expectProposalEnded } from './testing/matching.expectations';

/** A deep copy to prove the reducer never mutates its input. */
const frozen = (state: ProjectState): ProjectState =>
  JSON.parse(JSON.stringify(state)) as ProjectState;

describe('applyDecision: the happy path from APPLICATION to INCUBATED', () => {
  let state = at.application();
  it.each<[string, typeof staff, Decision, string, string, string]>([
    ['screening accepts', staff, d.accept, 'MENTOR_MATCHING', 'ACTIVE', 'assignMentor'],
    [
      'staff assign a mentor',
      staff,
      d.assign('m-a'),
      'MENTOR_MATCHING',
      'ACTIVE',
      'acceptAssignment',
    ],
    [
      'the mentor accepts',
      mentorA,
      d.acceptAssignment,
      'BUSINESS_PLAN',
      'ACTIVE',
      'submitPlanVersion',
    ],
    ['staff submit plan v1', staff, d.plan(1), 'BUSINESS_PLAN', 'ACTIVE', 'approvePlan'],
    [
      'the mentor approves',
      mentorA,
      d.approvePlan,
      'INVESTOR_CONTACT',
      'ACTIVE',
      'recordInvestorContact',
    ],
    [
      'a meeting is recorded',
      staff,
      d.contact('c-1', 'meeting'),
      'INVESTOR_CONTACT',
      'ACTIVE',
      'recordInvestorContact',
    ],
    [
      'a term sheet is recorded',
      staff,
      d.contact('c-2', 'term_sheet'),
      'INVESTOR_CONTACT',
      'ACTIVE',
      'signOffInvestment,signOffInvestment',
    ],
    ['the mentor signs off', mentorA, d.signOff, 'INVESTOR_CONTACT', 'ACTIVE', 'signOffInvestment'],
    ['staff sign off', staff, d.signOff, 'COMPANY_REGISTRATION', 'ACTIVE', 'recordCompany'],
    [
      'the company is recorded',
      staff,
      d.company(),
      'COMPANY_REGISTRATION',
      'ACTIVE',
      'approveIncubation',
    ],
    ['staff approve the incubation', staff2, d.approveIncubation, 'INCUBATED', 'CLOSED', ''],
  ])('%s', (_label, actor, decision, stage, status, pending) => {
    const before = state;
    const copy = frozen(before);
    const { state: next, result } = applyDecision(
      before,
      POLICY,
      actor,
      decision,
      `id-${decision.type}`,
      NOW,
    );
    expect(before).toEqual(copy);
    expect(result).toEqual(
      expect.objectContaining({
        decisionId: `id-${decision.type}`,
        type: decision.type,
        accepted: true,
        stage,
        status,
      }),
    );
    expect(result.version).toBe(before.version + 1);
    expect(next.version).toBe(result.version);
    expect(next.pendingActions.map((p) => p.action).join(',')).toBe(pending);
    expect(next.lastDecisions.at(-1)).toEqual(
      expect.objectContaining({
        decisionId: `id-${decision.type}`,
        type: decision.type,
        actor,
        at: NOW,
      }),
    );
    state = next;
  });

  it('ends with the whole story in the state', () => {
    expect(state.matching.assignedMentorId).toBe('m-a');
    expect(state.plan.versions).toHaveLength(1);
    expect(state.plan.versions[0].review?.outcome).toBe('approved');
    expect(state.investorContacts.map((c) => c.contactId)).toEqual(['c-1', 'c-2']);
    expect(state.company).toEqual(
      expect.objectContaining({ uscc: d.company().uscc, recordedBy: staff.userId }),
    );
    expect(state.lastDecisions).toHaveLength(11);
    expect(state.hold).toBeUndefined();
  });
});

describe('applyDecision: screening', () => {
  it('returns, then takes a resubmission and screens again', () => {
    const returned = run(at.application(), [
      [staff, { type: 'screenApplication', outcome: 'return', comment: 'Add the patent.' }],
    ]);
    expect(returned.stage).toBe('APPLICATION');
    expect(returned.screening).toEqual(
      expect.objectContaining({
        awaitingResubmission: true,
        returnedCount: 1,
        lastReturnComment: 'Add the patent.',
      }),
    );
    expect(returned.pendingActions).toEqual([
      { action: 'resubmitApplication', actorRole: 'staff' },
    ]);

    const revised = validApplication({
      summary: 'Revised: now with the granted patent.',
      technologyReadinessLevel: 5,
    });
    const resubmitted = run(returned, [
      [staff, { type: 'resubmitApplication', application: revised }],
    ]);
    expect(resubmitted.application).toEqual(revised);
    expect(resubmitted.screening.awaitingResubmission).toBe(false);
    expect(resubmitted.pendingActions).toEqual([
      { action: 'screenApplication', actorRole: 'staff' },
    ]);
    expect(run(resubmitted, [[staff, d.accept]]).stage).toBe('MENTOR_MATCHING');
  });

  it('rejects with a reason and closes', () => {
    const rejected = run(at.application(), [
      [staff, { type: 'screenApplication', outcome: 'reject', comment: 'Not a research result.' }],
    ]);
    expect(rejected).toEqual(
      expect.objectContaining({
        stage: 'REJECTED',
        status: 'CLOSED',
        closedReason: 'Not a research result.',
        pendingActions: [],
      }),
    );
    expect(rejected.screening.rejectionReason).toBe('Not a research result.');
  });
});

describe('applyDecision: withdraw from every open stage', () => {
  it.each<[string, () => ProjectState]>([
    ['APPLICATION', at.application],
    ['MENTOR_MATCHING', at.proposed],
    ['BUSINESS_PLAN', at.planInReview],
    ['INVESTOR_CONTACT', at.committed],
    ['COMPANY_REGISTRATION', at.companyRecorded],
    ['BUSINESS_PLAN on hold', at.onHold],
  ])('%s', (_label, state) => {
    const withdrawn = run(state(), [[staff, d.withdraw]]);
    expect(withdrawn).toEqual(
      expect.objectContaining({
        stage: 'WITHDRAWN',
        status: 'CLOSED',
        closedReason: 'The team dissolved.',
        pendingActions: [],
      }),
    );
    expect(withdrawn.hold).toBeUndefined();
  });
});

describe('applyDecision: mentor matching', () => {
  it('excludes a declining mentor and waits for another assignment', () => {
    const state = run(at.proposed(), [[mentorA, d.decline]]);
    expectProposalEnded(state, {
      mentorId: 'm-a',
      reason: 'declined',
      at: NOW,
      failedMatches: 1,
    });
    expect(state.flags.needsAttention).toBe(false);
  });

  it('flags the project after the policy number of failed matches, and the next decision clears it', () => {
    const flagged = run(at.matching(), [
      [staff, d.assign('m-a')],
      [mentorA, d.decline],
      [staff, d.assign('m-b')],
      [mentorB, d.decline],
      [staff, d.assign('m-c')],
      [mentorC, d.decline],
    ]);
    expect(flagged.matching.failedMatches).toBe(3);
    expect(flagged.flags).toEqual(
      expect.objectContaining({ needsAttention: true, reasons: ['matching-failed-repeatedly'] }),
    );
    expect(flagged.stage).toBe('MENTOR_MATCHING');
    const acted = run(flagged, [[staff, d.assign('m-d')]]);
    expect(acted.flags).toEqual({ needsAttention: false, reasons: [] });
  });
});

describe('applyDecision: business plan revisions', () => {
  const revise3 = at.revisionLimit;

  it('counts rounds and keeps every version', () => {
    const state = run(at.planInReview(), [
      [mentorA, d.revise],
      [staff, d.plan(2)],
    ]);
    expect(state.plan.revisionRounds).toBe(1);
    expect(state.plan.versions.map((v) => [v.version, v.review?.outcome])).toEqual([
      [1, 'revision_requested'],
      [2, undefined],
    ]);
    expect(state.plan.versions[0].review).toEqual(
      expect.objectContaining({ by: mentorA.userId, mentorId: 'm-a', comment: d.revise.comment }),
    );
  });

  it('flags at the revision limit, waits for staff, and an extra round lets one more version in', () => {
    const limit = revise3();
    expect(limit.plan).toEqual(
      expect.objectContaining({
        revisionRounds: 3,
        revisionLimitReached: true,
        extraRoundsAllowed: 0,
      }),
    );
    expect(limit.flags).toEqual(
      expect.objectContaining({ needsAttention: true, reasons: ['revision-limit-reached'] }),
    );
    expect(limit.pendingActions).toEqual([
      { action: 'allowExtraRevisionRound', actorRole: 'staff' },
    ]);

    const extra = run(limit, [
      [staff, { type: 'allowExtraRevisionRound', reason: 'Nearly there.' }],
    ]);
    expect(extra.plan).toEqual(
      expect.objectContaining({ revisionLimitReached: false, extraRoundsAllowed: 1 }),
    );
    expect(extra.flags.needsAttention).toBe(false);
    expect(extra.pendingActions).toEqual([{ action: 'submitPlanVersion', actorRole: 'staff' }]);

    const again = run(extra, [
      [staff, d.plan(4)],
      [mentorA, d.revise],
    ]);
    expect(again.plan).toEqual(
      expect.objectContaining({ revisionRounds: 4, revisionLimitReached: true }),
    );
    expect(
      run(extra, [
        [staff, d.plan(4)],
        [mentorA, d.approvePlan],
      ]).stage,
    ).toBe('INVESTOR_CONTACT');
  });

  it('honours a policy with one round', () => {
    const state = run(at.planInReview(), [[mentorA, d.revise]], {
      ...POLICY,
      maxRevisionRounds: 1,
    });
    expect(state.plan.revisionLimitReached).toBe(true);
  });
});

describe('applyDecision: investor contact sign-offs', () => {
  it('clears earlier sign-offs when a contact is added, keeping them as history', () => {
    const signed = run(at.committed(), [[mentorA, d.signOff]]);
    expect(validSignOffs(signed)).toHaveLength(1);
    const added = run(signed, [[staff, d.contact('c-2', 'meeting')]]);
    expect(added.contactsRevision).toBe(signed.contactsRevision + 1);
    expect(added.signOffs).toHaveLength(1);
    expect(validSignOffs(added)).toEqual([]);
    // The staff sign-off alone does not close the stage: the mentor must sign again.
    const staffOnly = run(added, [[staff, d.signOff]]);
    expect(staffOnly.stage).toBe('INVESTOR_CONTACT');
    expect(staffOnly.pendingActions).toEqual([
      { action: 'signOffInvestment', actorRole: 'mentor', mentorId: 'm-a' },
    ]);
    expect(run(staffOnly, [[mentorA, d.signOff]]).stage).toBe('COMPANY_REGISTRATION');
  });

  it('clears sign-offs when a contact is amended', () => {
    const signed = run(at.committed(), [[staff, d.signOff]]);
    const amended = run(signed, [
      [
        staff,
        {
          ...d.contact('c-1'),
          type: 'amendInvestorContact',
          amountFen: 250_000_000,
          reason: 'Amount corrected.',
        },
      ],
    ]);
    expect(validSignOffs(amended)).toEqual([]);
    expect(amended.investorContacts[0]).toEqual(
      expect.objectContaining({
        amountFen: 250_000_000,
        amendedBy: staff.userId,
        recordedBy: staff.userId,
      }),
    );
    expect(amended.investorContacts[0]).not.toHaveProperty('reason');
  });

  it('does not count a replaced mentor sign-off', () => {
    const signed = run(at.committed(), [[mentorA, d.signOff]]);
    const replaced = run(signed, [
      [staff, { type: 'replaceMentor', mentorId: 'm-b', reason: 'Conflict found.' }],
    ]);
    expect(validSignOffs(replaced)).toEqual([]);
    const done = run(replaced, [
      [staff, d.signOff],
      [mentorB, d.signOff],
    ]);
    expect(done.stage).toBe('COMPANY_REGISTRATION');
  });

  it('flags an amendment that removes the only commitment after the stage closed', () => {
    const amended = run(at.companyRegistration(), [
      [
        staff,
        {
          ...d.contact('c-1', 'declined'),
          type: 'amendInvestorContact',
          reason: 'The fund pulled out.',
        },
      ],
    ]);
    expect(amended.stage).toBe('COMPANY_REGISTRATION');
    expect(amended.flags.reasons).toEqual(['no-commitment-after-amendment']);
  });
});

describe('applyDecision: corrections', () => {
  it('amends the company and keeps who recorded it', () => {
    const amended = run(at.companyRecorded(), [
      [staff2, { ...d.company({ jobsCreated: 15 }), type: 'amendCompany', reason: 'Recount.' }],
    ]);
    expect(amended.company).toEqual(
      expect.objectContaining({
        jobsCreated: 15,
        recordedBy: staff.userId,
        amendedBy: staff2.userId,
      }),
    );
    expect(amended.company).not.toHaveProperty('reason');
    expect(amended.company).not.toHaveProperty('type');
  });

  it('replaces the mentor and excludes the old one', () => {
    const replaced = run(at.planInReview(), [
      [staff, { type: 'replaceMentor', mentorId: 'm-b', reason: 'Moved abroad.' }],
    ]);
    expect(replaced.matching.assignedMentorId).toBe('m-b');
    expect(replaced.matching.excludedMentors).toEqual([
      { mentorId: 'm-a', reason: 'replaced', at: NOW },
    ]);
    expect(replaced.pendingActions).toEqual([
      { action: 'approvePlan', actorRole: 'mentor', mentorId: 'm-b' },
    ]);
  });

  it('records a deadline extension and leaves the due time to the workflow', () => {
    const due = setDueDate(at.proposed(), 'acceptAssignment', '2025-03-06T10:00:00.000Z');
    const extended = run(due, [
      [
        staff,
        {
          type: 'extendDeadline',
          action: 'acceptAssignment',
          byDuration: { workingDays: 2 },
          reason: 'Travel.',
        },
      ],
    ]);
    expect(extended.version).toBe(due.version + 1);
    expect(extended.pendingActions[0].dueAt).toBe('2025-03-06T10:00:00.000Z');
    expect(extended.lastDecisions.at(-1)?.comment).toBe('Travel.');
  });
});

describe('applyDecision: hold and resume', () => {
  it('pauses the pending actions and restores them with their due times', () => {
    const due = setDueDate(at.planInReview(), 'approvePlan', '2025-03-17T10:00:00.000Z');
    const held = run(due, [[staff, d.hold]]);
    expect(held.status).toBe('ON_HOLD');
    expect(held.stage).toBe('BUSINESS_PLAN');
    expect(held.pendingActions).toEqual([{ action: 'resumeProject', actorRole: 'staff' }]);
    expect(held.hold).toEqual(
      expect.objectContaining({
        since: NOW,
        by: staff.userId,
        reason: d.hold.reason,
        pausedActions: due.pendingActions,
      }),
    );
    const resumed = run(held, [[staff, d.resume]]);
    expect(resumed.status).toBe('ACTIVE');
    expect(resumed.hold).toBeUndefined();
    expect(resumed.pendingActions).toEqual([
      {
        action: 'approvePlan',
        actorRole: 'mentor',
        mentorId: 'm-a',
        dueAt: '2025-03-17T10:00:00.000Z',
      },
    ]);
  });
});

describe('applyDecision: bookkeeping', () => {
  it('keeps only the last 20 decisions', () => {
    let state = at.committed();
    for (let i = 0; i < 25; i += 1) state = run(state, [[staff, d.contact(`m-${i}`, 'meeting')]]);
    expect(state.lastDecisions).toHaveLength(20);
    expect(state.lastDecisions.at(-1)?.decisionId).not.toBe(state.lastDecisions[0].decisionId);
  });

  it('keeps the due time of an action still pending for the same person', () => {
    const committed = setDueDate(at.committed(), 'signOffInvestment', '2025-03-20T10:00:00.000Z');
    const state = run(committed, [[staff, d.signOff]]);
    expect(state.pendingActions).toEqual([
      {
        action: 'signOffInvestment',
        actorRole: 'mentor',
        mentorId: 'm-a',
        dueAt: '2025-03-20T10:00:00.000Z',
      },
    ]);
  });

  it('decide() returns the refusal or the applied decision', () => {
    expect(decide(at.application(), POLICY, mentorA, d.accept, 'x', NOW)).toEqual({
      refusal: expect.objectContaining({ rule: 'staff-only' }),
    });
    expect(decide(at.application(), POLICY, staff, d.accept, 'x', NOW)).toEqual(
      expect.objectContaining({ result: expect.objectContaining({ stage: 'MENTOR_MATCHING' }) }),
    );
  });
});
