import { ApplicationFailure, patched } from '@temporalio/workflow';
import {
  Actor,
  applyDecision,
  applyMentorUnavailable,
  Decision,
  decisionContentHash,
  decisionIdRequired,
  decisionIdReused,
  decisionInProgress,
  decisionTypeMismatch,
  DecisionRecord,
  DecisionResult,
  DecisionType,
  extensionRefusal,
  judgeDecision,
  judgeRepeat,
  matchingProjectOf,
  mentorPlaceRefused,
  mentorUnavailableRefused,
  practiceFundBudgetExceeded,
  practiceFundDrawOf,
  ProjectState,
  Refusal,
} from '@app/domain';
import type { MentorPlaceReservation, PracticeFundAnswer } from './activities.types';
import { PATCHES } from './matching-and-deadline.patches';
import { recordLateConflict } from './mentor-rechecks';
import type { ProjectClock } from './project-clock';
import { nowIso, ProjectRun } from './project-run';
import type { DecisionInput } from './project-workflow.types';
import { activities } from './workflow-activities';

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

export function refusalFailure(refusal: Refusal): ApplicationFailure {
  return ApplicationFailure.create({
    type: refusal.kind,
    message: refusal.message,
    details: [refusal],
    nonRetryable: true,
  });
}

/** Patch: the re-judge after a capacity check also refuses unstorable text. */
const STORABLE_TEXT_REJUDGED = 'storable-text-rejudged';

/**
 * The decisions of one project: every decision taken (by decisionId, so a decision sent again
 * gets the same answer, across continue-as-new), the validator that judges a decision against
 * the current state before it reaches the history, and the handler that applies it.
 *
 * The handler changes the state before its first await (so a concurrent decision is judged
 * against the new state) and answers only after the read model and the audit chain have the
 * transition. Decisions whose last rule only the database can judge (a mentor's capacity, the
 * practice fund's budget) are accepted first and judged again after their activity; while one
 * waits, every other decision is asked to retry.
 */
export class DecisionLog {
  readonly records: Record<string, DecisionRecord>;
  // A capacity-gated decision is waiting for its activity: judge nothing else meanwhile.
  private gatedDecisionInFlight = false;

  constructor(
    private readonly run: ProjectRun,
    private readonly clock: ProjectClock,
    carried: Record<string, DecisionRecord> | undefined,
  ) {
    this.records = { ...(carried ?? {}) };
  }

  /** The Update validator: refuses (with a typed failure) what must not reach the history. */
  validate(type: DecisionType, { decisionId, actor, decision }: DecisionInput): void {
    const { run } = this;
    if (typeof decisionId !== 'string' || decisionId.length === 0) {
      throw refusalFailure(decisionIdRequired());
    }
    if (decision?.type !== type) {
      throw refusalFailure(decisionTypeMismatch(type, decision?.type));
    }
    const repeat = judgeRepeat(
      this.records,
      decisionId,
      decisionContentHash(decision.type, decision, actor),
    );
    if (repeat === 'repeat') return;
    if (repeat === 'conflict') throw refusalFailure(decisionIdReused(decisionId));
    if (this.gatedDecisionInFlight) throw refusalFailure(decisionInProgress());
    const refusal =
      judgeDecision(run.state, actor, decision) ??
      (decision.type === 'extendDeadline' ? extensionRefusal(run.policy, decision.action) : null);
    if (refusal) throw refusalFailure(refusal);
  }

  /** The Update handler: applies an accepted decision and records it. */
  async handle(
    type: DecisionType,
    { decisionId, actor, decision }: DecisionInput,
  ): Promise<DecisionResult> {
    const { run } = this;
    const known = this.records[decisionId];
    if (known) return this.answerFromRecord(known);
    const hash = decisionContentHash(type, decision, actor);
    if (GATED_BY_CAPACITY.has(type))
      return this.decideWithCapacityCheck(decisionId, hash, actor, decision);
    // Projects that assigned mentors before the re-check replay the old path.
    if (decision.type === 'assignMentor' && patched(PATCHES.recheckMentorOnAssignment)) {
      return this.decideAssignmentWithCheck(decisionId, hash, actor, decision);
    }
    // Projects that recorded fund contacts before the budget existed replay the old path.
    const fund = practiceFundDraws(run.state, decision);
    if (fund && patched(PRACTICE_FUND_PATCH)) {
      return this.decideWithFundCheck(decisionId, hash, actor, decision, fund);
    }
    const before = run.state;
    const applied = applyDecision(run.state, run.policy, actor, decision, decisionId, nowIso());
    run.state = applied.state;
    await this.clock.adjustDeadlinesAfter(decision, before);
    const result = { ...applied.result, version: run.state.version };
    this.records[decisionId] = { hash, result };
    await run.recorder.decision(decisionId, hash, actor, decision, result);
    await this.tellThoseConcerned(decisionId, decision);
    return result;
  }

  private answerFromRecord(record: DecisionRecord): DecisionResult {
    if (record.refusal) throw refusalFailure(record.refusal);
    return record.result;
  }

  /**
   * Accepting an assignment (or replacing the mentor) takes one of the mentor's places, which
   * only the database can grant. The decision is accepted first; a refusal by the activity is
   * recorded like a result, so the same decisionId gets the same refusal again.
   */
  private async decideWithCapacityCheck(
    decisionId: string,
    hash: string,
    actor: Actor,
    decision: Decision,
  ): Promise<DecisionResult> {
    const { run } = this;
    this.gatedDecisionInFlight = true;
    const mentorId =
      decision.type === 'replaceMentor'
        ? decision.mentorId
        : (run.state.matching.proposedMentorId ?? '');
    const previousMentor = run.state.matching.assignedMentorId;
    // With the re-check, the reservation also refuses a conflict the mentor has now.
    const recheck = patched(PATCHES.recheckMentorOnAssignment);
    let reservation: MentorPlaceReservation;
    try {
      reservation = await activities.reserveMentorPlace({
        projectId: run.state.projectId,
        mentorId,
        ...(recheck ? { project: matchingProjectOf(run.state) } : {}),
      });
    } finally {
      this.gatedDecisionInFlight = false;
    }
    // The state may have moved while the database answered: judge again before applying.
    // Histories from before the storable-text rule replay with the old judgement (a decision
    // its validator let through must not be refused here on replay).
    const refusal: Refusal | null = reservation.reserved
      ? judgeDecision(run.state, actor, decision, {
          storableText: patched(STORABLE_TEXT_REJUDGED),
        })
      : recheck
        ? mentorUnavailableRefused(reservation.reason, reservation.message)
        : mentorPlaceRefused(reservation.reason, reservation.message);
    if (refusal) {
      if (reservation.reserved)
        await activities.releaseMentorPlace({ projectId: run.state.projectId, mentorId });
      if (!reservation.reserved && reservation.reason === 'conflict_of_interest') {
        // The mentor is excluded from the project for good (an accepting mentor's proposal ends).
        await recordLateConflict(run, mentorId, reservation.message);
        if (decision.type === 'acceptAssignment') run.proposalsLapsed += 1;
      } else if (decision.type === 'acceptAssignment') {
        run.state = applyMentorUnavailable(run.state, mentorId, nowIso());
        run.proposalsLapsed += 1;
      }
      this.records[decisionId] = { hash, refusal };
      await run.recorder.decision(decisionId, hash, actor, decision, { refused: refusal });
      throw refusalFailure(refusal);
    }
    const applied = applyDecision(run.state, run.policy, actor, decision, decisionId, nowIso());
    run.state = applied.state;
    if (decision.type === 'replaceMentor' && previousMentor) {
      await activities.releaseMentorPlace({
        projectId: run.state.projectId,
        mentorId: previousMentor,
      });
    }
    this.records[decisionId] = { hash, result: applied.result };
    await run.recorder.decision(decisionId, hash, actor, decision, applied.result);
    await this.tellThoseConcerned(decisionId, decision);
    return applied.result;
  }

  /**
   * Staff assign a mentor who may have been deactivated, declared a conflict or filled up
   * since the ranking: an activity judges the mentor from current data first. A refusal is
   * recorded like a result (the same decisionId gets it again), and a conflict found is
   * recorded as the project's exclusion, so the ranking is made afresh without the mentor.
   */
  private async decideAssignmentWithCheck(
    decisionId: string,
    hash: string,
    actor: Actor,
    decision: Decision & { type: 'assignMentor' },
  ): Promise<DecisionResult> {
    const { run } = this;
    this.gatedDecisionInFlight = true;
    let availability;
    try {
      availability = await activities.checkMentorAvailability({
        projectId: run.state.projectId,
        mentorId: decision.mentorId,
        project: matchingProjectOf(run.state),
      });
    } finally {
      this.gatedDecisionInFlight = false;
    }
    // The state may have moved while the database answered: judge again before applying.
    const refusal: Refusal | null = availability.available
      ? judgeDecision(run.state, actor, decision, { storableText: true })
      : mentorUnavailableRefused(availability.reason, availability.message);
    if (refusal) {
      if (!availability.available && availability.reason === 'conflict_of_interest') {
        await recordLateConflict(run, decision.mentorId, availability.message);
      }
      this.records[decisionId] = { hash, refusal };
      await run.recorder.decision(decisionId, hash, actor, decision, { refused: refusal });
      throw refusalFailure(refusal);
    }
    const applied = applyDecision(run.state, run.policy, actor, decision, decisionId, nowIso());
    run.state = applied.state;
    const result = { ...applied.result, version: run.state.version };
    this.records[decisionId] = { hash, result };
    await run.recorder.decision(decisionId, hash, actor, decision, result);
    return result;
  }

  /**
   * The people a mentor decision concerns hear of it: the replacing mentor that the project is
   * now theirs, staff that the proposed mentor accepted or declined (and why).
   */
  private async tellThoseConcerned(decisionId: string, decision: Decision): Promise<void> {
    const { run } = this;
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
      notificationKey: `${run.info.workflowId}:${told.kind}:${decisionId}`,
      projectId: run.state.projectId,
      projectTitle: run.state.application.title,
      ...told,
    });
  }

  /**
   * A contact of the innovation practice fund draws on its year's budget, which only the
   * database knows: the decision is accepted, an activity draws (or refuses an overdraft), and
   * a refusal is recorded like a result, so the same decisionId gets the same refusal again.
   */
  private async decideWithFundCheck(
    decisionId: string,
    hash: string,
    actor: Actor,
    decision: Decision,
    fund: NonNullable<ReturnType<typeof practiceFundDraws>>,
  ): Promise<DecisionResult> {
    const { run } = this;
    this.gatedDecisionInFlight = true;
    const { projectId } = run.state;
    let answer: PracticeFundAnswer;
    try {
      answer = await activities.drawFromPracticeFund({
        projectId,
        contactId: fund.contactId,
        draw: fund.draw,
        checkBudget: true,
      });
    } finally {
      this.gatedDecisionInFlight = false;
    }
    const refusal: Refusal | null = answer.drawn
      ? judgeDecision(run.state, actor, decision)
      : practiceFundBudgetExceeded(answer.message);
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
      this.records[decisionId] = { hash, refusal };
      await run.recorder.decision(decisionId, hash, actor, decision, { refused: refusal });
      throw refusalFailure(refusal);
    }
    const before = run.state;
    const applied = applyDecision(run.state, run.policy, actor, decision, decisionId, nowIso());
    run.state = applied.state;
    await this.clock.adjustDeadlinesAfter(decision, before);
    const result = { ...applied.result, version: run.state.version };
    this.records[decisionId] = { hash, result };
    await run.recorder.decision(decisionId, hash, actor, decision, result);
    return result;
  }
}
