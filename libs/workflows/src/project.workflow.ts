import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  defineQuery,
  patched,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  Actor,
  applyDecision,
  applyMentorTimeout,
  applyMentorUnavailable,
  createInitialState,
  Decision,
  decisionContentHash,
  DecisionRecord,
  DecisionResult,
  DECISION_TYPES,
  extensionRefusal,
  FLAG_REASONS,
  flagNeedsAttention,
  isTerminal,
  judgeDecision,
  judgeRepeat,
  limitFor,
  matchingProjectOf,
  MentorRanking,
  practiceFundDrawOf,
  ProjectState,
  recordMentorConflict,
  Refusal,
  setDueDate,
} from '@app/domain';
import type {
  MentorPlaceReservation,
  NotificationRecipient,
  PracticeFundAnswer,
} from './activities.types';
import { decisionUpdates } from './decision-updates';
import {
  shiftedDueDates,
  shiftTracks,
  syncTracks,
  TimerEvent,
  TimingState,
  upcomingTimerEvents,
} from './deadline-tracks';
import type { DecisionInput, ProjectView, ProjectWorkflowInput } from './project-workflow.types';
import { PATCHES } from './matching-and-deadline.patches';
import { ProjectRecorder } from './project-recorder';
import { activities } from './workflow-activities';

export const stateQuery = defineQuery<ProjectView>('state');

/** Decisions whose last rule (a mentor's spare capacity) is judged by an activity. */
const GATED_BY_CAPACITY = new Set<Decision['type']>(['acceptAssignment', 'replaceMentor']);

/** Contacts that draw on (or, amended, stop drawing on) the innovation practice fund's budget. */
const PRACTICE_FUND_PATCH = 'practice-fund-budget-check';
function practiceFundDraws(state: ProjectState, decision: Decision) {
  if (decision.type !== 'recordInvestorContact' && decision.type !== 'amendInvestorContact') {
    return undefined;
  }
  const earlier = state.investorContacts.find((c) => c.contactId === decision.contactId);
  const draw = practiceFundDrawOf(decision);
  const previous = decision.type === 'amendInvestorContact' ? practiceFundDrawOf(earlier) : null;
  return draw || previous ? { contactId: decision.contactId, draw, previous } : undefined;
}

function refusalFailure(refusal: Refusal): ApplicationFailure {
  return ApplicationFailure.create({
    type: refusal.kind,
    message: refusal.message,
    details: [refusal],
    nonRetryable: true,
  });
}

/** Patch: the re-judge after a capacity check also refuses unstorable text. */
const STORABLE_TEXT_REJUDGED = 'storable-text-rejudged';

const nowIso = (): string => new Date().toISOString();

/**
 * One project, from application to INCUBATED (or REJECTED / WITHDRAWN).
 *
 * Every human decision is an Update: its validator applies the domain's rules to the current
 * state, so a refused decision never reaches the history; its handler changes the state before
 * its first await (so a concurrent decision is judged against the new state) and answers only
 * after the read model and the audit chain have the transition.
 *
 * Between decisions the main loop keeps time: it asks an activity for each step's due time on
 * the working-day calendar, sends reminders at the policy's fractions, flags and escalates what
 * is overdue or stalled, lets a silent mentor's proposal lapse, and keeps the explained mentor
 * ranking while a mentor is to be assigned. A held project's clocks stand still.
 */
export async function projectWorkflow(input: ProjectWorkflowInput): Promise<ProjectView> {
  const info = workflowInfo();
  const { policy } = input;
  let state: ProjectState =
    input.carried?.state ??
    createInitialState(input.projectId, input.application, input.submittedAt ?? nowIso());
  const decisions: Record<string, DecisionRecord> = { ...(input.carried?.decisions ?? {}) };
  let timing: TimingState = input.carried?.timing ?? { tracks: [], assignmentRequests: [] };
  let ranking: MentorRanking | undefined = input.carried?.ranking;
  // Which matching situation the ranking was made for, and how many proposals lapsed.
  let rankedAt: string | undefined;
  let proposalsLapsed = 0;
  // A capacity-gated decision is waiting for its activity: judge nothing else meanwhile.
  let gatedDecisionInFlight = false;

  const recorder = new ProjectRecorder(info, () => state);
  const view = (): ProjectView => ({ workflowId: info.workflowId, state, policy, timing, ranking });
  const responsible = (pending: { actorRole: string; mentorId?: string }): NotificationRecipient =>
    pending.actorRole === 'mentor' && pending.mentorId
      ? { mentorId: pending.mentorId }
      : { role: 'staff' };

  setHandler(stateQuery, view);

  for (const type of DECISION_TYPES) {
    setHandler(
      decisionUpdates[type],
      async ({ decisionId, actor, decision }: DecisionInput): Promise<DecisionResult> => {
        const known = decisions[decisionId];
        if (known) return answerFromRecord(known);
        const hash = decisionContentHash(type, decision, actor);
        if (GATED_BY_CAPACITY.has(type))
          return decideWithCapacityCheck(decisionId, hash, actor, decision);
        // Projects that recorded fund contacts before the budget existed replay the old path.
        const fund = practiceFundDraws(state, decision);
        if (fund && patched(PRACTICE_FUND_PATCH)) {
          return decideWithFundCheck(decisionId, hash, actor, decision, fund);
        }
        const before = state;
        const applied = applyDecision(state, policy, actor, decision, decisionId, nowIso());
        state = applied.state;
        await adjustDeadlinesAfter(decision, before);
        const result = { ...applied.result, version: state.version };
        decisions[decisionId] = { hash, result };
        await recorder.decision(decisionId, hash, actor, decision, result);
        await tellThoseConcerned(decisionId, decision);
        return result;
      },
      {
        validator: ({ decisionId, actor, decision }: DecisionInput): void => {
          validateDecision(type, decisionId, actor, decision);
        },
      },
    );
  }

  function answerFromRecord(record: DecisionRecord): DecisionResult {
    if (record.refusal) throw refusalFailure(record.refusal);
    return record.result;
  }

  function validateDecision(
    type: string,
    decisionId: string,
    actor: Actor,
    decision: Decision,
  ): void {
    if (typeof decisionId !== 'string' || decisionId.length === 0) {
      throw refusalFailure({
        kind: 'RuleRefused',
        rule: 'required',
        field: 'decisionId',
        message: 'decisionId is required',
      });
    }
    if (decision?.type !== type) {
      throw refusalFailure({
        kind: 'RuleRefused',
        rule: 'decision-type-mismatch',
        field: 'type',
        message: `the ${type} update carries a decision of type ${String(decision?.type)}`,
      });
    }
    const repeat = judgeRepeat(
      decisions,
      decisionId,
      decisionContentHash(decision.type, decision, actor),
    );
    if (repeat === 'repeat') return;
    if (repeat === 'conflict') {
      throw refusalFailure({
        kind: 'RuleRefused',
        rule: 'decision-id-reused',
        field: 'decisionId',
        message: `decisionId ${decisionId} was already used for a different decision`,
      });
    }
    if (gatedDecisionInFlight) {
      throw refusalFailure({
        kind: 'WrongStage',
        rule: 'decision-in-progress',
        message: 'Another decision on this project is being checked; retry in a moment.',
      });
    }
    const refusal =
      judgeDecision(state, actor, decision) ??
      (decision.type === 'extendDeadline' ? extensionRefusal(policy, decision.action) : null);
    if (refusal) throw refusalFailure(refusal);
  }

  /**
   * Accepting an assignment (or replacing the mentor) takes one of the mentor's places, which
   * only the database can grant. The decision is accepted first; a refusal by the activity is
   * recorded like a result, so the same decisionId gets the same refusal again.
   */
  async function decideWithCapacityCheck(
    decisionId: string,
    hash: string,
    actor: Actor,
    decision: Decision,
  ): Promise<DecisionResult> {
    gatedDecisionInFlight = true;
    const mentorId =
      decision.type === 'replaceMentor'
        ? decision.mentorId
        : (state.matching.proposedMentorId ?? '');
    const previousMentor = state.matching.assignedMentorId;
    let reservation: MentorPlaceReservation;
    try {
      reservation = await activities.reserveMentorPlace({ projectId: state.projectId, mentorId });
    } finally {
      gatedDecisionInFlight = false;
    }
    // The state may have moved while the database answered: judge again before applying.
    // Histories from before the storable-text rule replay with the old judgement (a decision
    // its validator let through must not be refused here on replay).
    const refusal: Refusal | null = reservation.reserved
      ? judgeDecision(state, actor, decision, {
          storableText: patched(STORABLE_TEXT_REJUDGED),
        })
      : {
          kind: 'RuleRefused',
          rule:
            reservation.reason === 'no_spare_capacity' ? 'no-spare-capacity' : 'mentor-unavailable',
          field: 'mentorId',
          message: reservation.message,
        };
    if (refusal) {
      if (reservation.reserved)
        await activities.releaseMentorPlace({ projectId: state.projectId, mentorId });
      if (decision.type === 'acceptAssignment') {
        state = applyMentorUnavailable(state, mentorId, nowIso());
        proposalsLapsed += 1;
      }
      decisions[decisionId] = { hash, refusal };
      await recorder.decision(decisionId, hash, actor, decision, { refused: refusal });
      throw refusalFailure(refusal);
    }
    const applied = applyDecision(state, policy, actor, decision, decisionId, nowIso());
    state = applied.state;
    if (decision.type === 'replaceMentor' && previousMentor) {
      await activities.releaseMentorPlace({ projectId: state.projectId, mentorId: previousMentor });
    }
    decisions[decisionId] = { hash, result: applied.result };
    await recorder.decision(decisionId, hash, actor, decision, applied.result);
    await tellThoseConcerned(decisionId, decision);
    return applied.result;
  }

  /**
   * The people a mentor decision concerns hear of it: the replacing mentor that the project is
   * now theirs, staff that the proposed mentor accepted or declined (and why).
   */
  async function tellThoseConcerned(decisionId: string, decision: Decision): Promise<void> {
    const told =
      decision.type === 'replaceMentor'
        ? { kind: 'mentor_replacement' as const, recipients: [{ mentorId: decision.mentorId }] }
        : decision.type === 'acceptAssignment'
          ? { kind: 'assignment_accepted' as const, recipients: [{ role: 'staff' as const }] }
          : decision.type === 'declineAssignment'
            ? {
                kind: 'assignment_declined' as const,
                recipients: [{ role: 'staff' as const }],
                detail: decision.reason,
              }
            : null;
    if (!told || !patched(PATCHES.tellMentorAnswers)) return;
    await activities.enqueueNotification({
      notificationKey: `${info.workflowId}:${told.kind}:${decisionId}`,
      projectId: state.projectId,
      projectTitle: state.application.title,
      ...told,
    });
  }

  /**
   * A contact of the innovation practice fund draws on its year's budget, which only the
   * database knows: the decision is accepted, an activity draws (or refuses an overdraft), and
   * a refusal is recorded like a result, so the same decisionId gets the same refusal again.
   */
  async function decideWithFundCheck(
    decisionId: string,
    hash: string,
    actor: Actor,
    decision: Decision,
    fund: NonNullable<ReturnType<typeof practiceFundDraws>>,
  ): Promise<DecisionResult> {
    gatedDecisionInFlight = true;
    const { projectId } = state;
    let answer: PracticeFundAnswer;
    try {
      answer = await activities.drawFromPracticeFund({
        projectId,
        contactId: fund.contactId,
        draw: fund.draw,
        checkBudget: true,
      });
    } finally {
      gatedDecisionInFlight = false;
    }
    const refusal: Refusal | null = answer.drawn
      ? judgeDecision(state, actor, decision)
      : {
          kind: 'RuleRefused',
          rule: 'practice-fund-budget-exceeded',
          field: 'amountFen',
          message: answer.message,
        };
    if (refusal) {
      if (answer.drawn) {
        // The state moved while the database answered: give back what the contact drew.
        await activities.drawFromPracticeFund({
          projectId,
          contactId: fund.contactId,
          draw: fund.previous,
          checkBudget: false,
        });
      }
      decisions[decisionId] = { hash, refusal };
      await recorder.decision(decisionId, hash, actor, decision, { refused: refusal });
      throw refusalFailure(refusal);
    }
    const before = state;
    const applied = applyDecision(state, policy, actor, decision, decisionId, nowIso());
    state = applied.state;
    await adjustDeadlinesAfter(decision, before);
    const result = { ...applied.result, version: state.version };
    decisions[decisionId] = { hash, result };
    await recorder.decision(decisionId, hash, actor, decision, result);
    return result;
  }

  /**
   * Decisions that move clocks: an extension moves one due time by its duration on the
   * calendar, a resumption moves every paused one by the time spent on hold.
   */
  async function adjustDeadlinesAfter(decision: Decision, before: ProjectState): Promise<void> {
    if (decision.type === 'extendDeadline') {
      const pending = state.pendingActions.find((action) => action.action === decision.action);
      const limit = limitFor(policy, decision.action);
      let currentDue = pending?.dueAt;
      if (!currentDue && pending && limit && patched(PATCHES.extendOverdueFromNow)) {
        // The step's own due time was still being computed when the extension came in.
        currentDue = await activities.computeDueAt({ fromIso: nowIso(), limit });
      }
      if (!currentDue) return;
      // An overdue step is extended from now: from its passed due time it could stay overdue.
      const overdue = Date.parse(currentDue) < Date.now();
      const fromIso = overdue && patched(PATCHES.extendOverdueFromNow) ? nowIso() : currentDue;
      const dueAt = await activities.computeDueAt({ fromIso, limit: decision.byDuration });
      state = setDueDate(state, decision.action, dueAt);
    }
    if (decision.type === 'resumeProject' && before.hold) {
      const pausedMs = Date.now() - Date.parse(before.hold.since);
      for (const { action, dueAt } of shiftedDueDates(state, pausedMs)) {
        state = setDueDate(state, action, dueAt);
      }
      timing = { ...timing, tracks: shiftTracks(timing.tracks, pausedMs) };
    }
  }

  /** Gives every limited step its due time when it starts, from the calendar of today. */
  async function assignDueDates(): Promise<void> {
    for (const pending of state.pendingActions) {
      const limit = limitFor(policy, pending.action);
      if (!limit || pending.dueAt) continue;
      const startedAt = nowIso();
      const dueAt = await activities.computeDueAt({ fromIso: startedAt, limit });
      const next = setDueDate(state, pending.action, dueAt);
      if (next === state) continue;
      state = next;
      await recorder.system(`due:${pending.action}:${state.version}`, 'dueDateSet', {
        action: pending.action,
        dueAt,
      });
    }
    timing = { ...timing, tracks: syncTracks(timing.tracks, state.pendingActions, nowIso()) };
  }

  async function requestAssignmentAcceptance(): Promise<void> {
    const { proposedMentorId, proposedAt } = state.matching;
    const pending = state.pendingActions.find((action) => action.action === 'acceptAssignment');
    const key = `${proposedMentorId}:${proposedAt}`;
    if (!proposedMentorId || !pending?.dueAt || timing.assignmentRequests.includes(key)) return;
    await activities.enqueueNotification({
      notificationKey: `${info.workflowId}:assignment:${key}`,
      projectId: state.projectId,
      projectTitle: state.application.title,
      kind: 'assignment_request',
      recipients: [{ mentorId: proposedMentorId }],
      action: 'acceptAssignment',
      dueAt: pending.dueAt,
    });
    timing = { ...timing, assignmentRequests: [...timing.assignmentRequests, key] };
  }

  /**
   * Each time staff are to assign a mentor (again), rank the mentors afresh, with explanations,
   * and record the conflicts of interest it found so they can never be proposed.
   */
  async function refreshMentorRanking(): Promise<void> {
    if (!state.pendingActions.some((action) => action.action === 'assignMentor')) return;
    // Changes when a proposal ended (declined, timed out, lapsed) or a mentor was excluded.
    const rankingKey = (): string =>
      `${state.matching.failedMatches}:${state.matching.excludedMentors.length}:${proposalsLapsed}`;
    if (rankedAt === rankingKey()) return;
    ranking = await activities.rankMentorCandidates({
      projectId: state.projectId,
      project: matchingProjectOf(state),
    });
    for (const excluded of ranking.excluded) {
      if (excluded.reason !== 'conflict_of_interest') continue;
      const next = recordMentorConflict(state, excluded.mentorId, nowIso());
      if (next === state) continue;
      state = next;
      await recorder.system(`conflict:${excluded.mentorId}`, 'mentorConflictRecorded', {
        mentorId: excluded.mentorId,
        detail: excluded.detail,
      });
    }
    rankedAt = rankingKey();
  }

  async function watchForStall(): Promise<void> {
    if (state.status !== 'ACTIVE') return;
    const from = state.lastDecisionAt ?? state.createdAt;
    if (timing.stall?.from === from) return;
    const dueAt = await activities.computeDueAt({ fromIso: from, limit: policy.stallLimit });
    timing = { ...timing, stall: { from, dueAt, flagged: false } };
  }

  async function fire(event: TimerEvent): Promise<void> {
    const now = nowIso();
    const escalation: NotificationRecipient = { email: policy.escalationContact };
    if (event.kind === 'reminder') {
      const { track, fraction } = event;
      timing = {
        ...timing,
        tracks: timing.tracks.map((t) =>
          t.key === track.key ? { ...t, remindersSent: [...t.remindersSent, fraction] } : t,
        ),
      };
      await activities.enqueueNotification({
        notificationKey: `${info.workflowId}:reminder:${track.key}:${track.dueAt}:${fraction}`,
        projectId: state.projectId,
        projectTitle: state.application.title,
        kind: 'reminder',
        recipients: [responsible(track)],
        action: track.action,
        dueAt: track.dueAt,
        fraction,
      });
      await recorder.system(`reminder:${track.key}:${track.dueAt}:${fraction}`, 'reminderSent', {
        action: track.action,
        dueAt: track.dueAt,
        fraction,
      });
      return;
    }
    if (event.kind === 'overdue') {
      const { track } = event;
      timing = {
        ...timing,
        tracks: timing.tracks.map((t) => (t.key === track.key ? { ...t, overdue: true } : t)),
      };
      if (track.action === 'acceptAssignment' && track.mentorId) {
        state = applyMentorTimeout(state, policy, track.mentorId, now);
      }
      state = flagNeedsAttention(state, FLAG_REASONS.overdue(track.action), now);
      await activities.enqueueNotification({
        notificationKey: `${info.workflowId}:overdue:${track.key}:${track.dueAt}`,
        projectId: state.projectId,
        projectTitle: state.application.title,
        kind: 'escalation',
        recipients: [responsible(track), escalation],
        action: track.action,
        dueAt: track.dueAt,
      });
      await recorder.system(`overdue:${track.key}:${track.dueAt}`, 'deadlinePassed', {
        action: track.action,
        dueAt: track.dueAt,
        mentorId: track.mentorId ?? null,
      });
      return;
    }
    const { stall } = event;
    timing = { ...timing, stall: { ...stall, flagged: true } };
    state = flagNeedsAttention(state, FLAG_REASONS.stalled, now);
    await activities.enqueueNotification({
      notificationKey: `${info.workflowId}:stalled:${stall.from}`,
      projectId: state.projectId,
      projectTitle: state.application.title,
      kind: 'stalled',
      recipients: [{ role: 'staff' }, escalation],
      dueAt: stall.dueAt,
    });
    await recorder.system(`stalled:${stall.from}`, 'projectStalled', { since: stall.from });
  }

  /** Brings timers up to date with the state, then waits for a decision or the next timer. */
  async function keepTime(): Promise<void> {
    // Taken before the housekeeping: a decision arriving while it awaits an activity must wake
    // the next wait (the housekeeping's own changes just cost one more pass).
    const seenVersion = state.version;
    if (state.status === 'ACTIVE') {
      await assignDueDates();
      await requestAssignmentAcceptance();
      await refreshMentorRanking();
      await watchForStall();
    }
    const wakeUp = (): boolean =>
      isTerminal(state.stage) ||
      state.version !== seenVersion ||
      workflowInfo().continueAsNewSuggested;
    const next =
      state.status === 'ACTIVE'
        ? upcomingTimerEvents(timing, policy.reminderFractions)[0]
        : undefined;
    if (!next) {
      await condition(wakeUp);
      return;
    }
    const woken = await condition(wakeUp, Math.max(next.at - Date.now(), 1));
    if (!woken && state.status === 'ACTIVE') {
      for (const event of upcomingTimerEvents(timing, policy.reminderFractions)) {
        if (event.at > Date.now()) break;
        await fire(event);
      }
    }
  }

  if (!input.carried) {
    await recorder.system(
      'application-submitted',
      'applicationSubmitted',
      {
        title: state.application.title,
        college: state.application.college,
      },
      input.submittedBy,
    );
  } else {
    recorder.mirror();
  }

  while (!isTerminal(state.stage) && !workflowInfo().continueAsNewSuggested) {
    await keepTime();
  }
  // Let every accepted decision finish (and its records land) before closing or handing over.
  await condition(allHandlersFinished);
  await recorder.settled();
  if (!isTerminal(state.stage)) {
    await continueAsNew<typeof projectWorkflow>({
      ...input,
      carried: { state, decisions, timing, ranking },
    });
  }
  if (state.matching.assignedMentorId) {
    // An ended project no longer holds a place in its mentor's capacity.
    await activities.releaseMentorPlace({
      projectId: state.projectId,
      mentorId: state.matching.assignedMentorId,
    });
  }
  return view();
}
