import { condition, patched, workflowInfo } from '@temporalio/workflow';
import {
  applyMentorTimeout,
  Decision,
  FLAG_REASONS,
  flagNeedsAttention,
  isTerminal,
  limitFor,
  matchingProjectOf,
  ProjectState,
  recordMentorConflict,
  setDueDate,
} from '@app/domain';
import type { NotificationRecipient } from './activities.types';
import {
  shiftedDueDates,
  shiftTracks,
  syncTracks,
  TimerEvent,
  upcomingTimerEvents,
} from './deadline-tracks';
import { PATCHES } from './matching-and-deadline.patches';
import { nowIso, ProjectRun } from './project-run';
import { activities } from './workflow-activities';

/**
 * The project's clock: due dates on the working-day calendar, reminders at the policy's
 * fractions, overdue steps and the stall watch, the assignment request to a proposed mentor,
 * and the explained mentor ranking while a mentor is to be assigned. A held project's clocks
 * stand still.
 */
export class ProjectClock {
  // Which matching situation the ranking was made for.
  private rankedAt: string | undefined;

  constructor(private readonly run: ProjectRun) {}

  /** Brings timers up to date with the state, then waits for a decision or the next timer. */
  async keepTime(): Promise<void> {
    const { run } = this;
    // Taken before the housekeeping: a decision arriving while it awaits an activity must wake
    // the next wait (the housekeeping's own changes just cost one more pass).
    const seenVersion = run.state.version;
    if (run.state.status === 'ACTIVE') {
      await this.assignDueDates();
      await this.requestAssignmentAcceptance();
      await this.refreshMentorRanking();
      await this.watchForStall();
    }
    const wakeUp = (): boolean =>
      isTerminal(run.state.stage) ||
      run.state.version !== seenVersion ||
      workflowInfo().continueAsNewSuggested;
    const next =
      run.state.status === 'ACTIVE'
        ? upcomingTimerEvents(run.timing, run.policy.reminderFractions)[0]
        : undefined;
    if (!next) {
      await condition(wakeUp);
      return;
    }
    const woken = await condition(wakeUp, Math.max(next.at - Date.now(), 1));
    if (!woken && run.state.status === 'ACTIVE') {
      for (const event of upcomingTimerEvents(run.timing, run.policy.reminderFractions)) {
        if (event.at > Date.now()) break;
        await this.fire(event);
      }
    }
  }

  /**
   * Decisions that move clocks: an extension moves one due time by its duration on the
   * calendar, a resumption moves every paused one by the time spent on hold.
   */
  async adjustDeadlinesAfter(decision: Decision, before: ProjectState): Promise<void> {
    const { run } = this;
    if (decision.type === 'extendDeadline') {
      const pending = run.state.pendingActions.find((action) => action.action === decision.action);
      const limit = limitFor(run.policy, decision.action);
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
      run.state = setDueDate(run.state, decision.action, dueAt);
    }
    if (decision.type === 'resumeProject' && before.hold) {
      const pausedMs = Date.now() - Date.parse(before.hold.since);
      for (const { action, dueAt } of shiftedDueDates(run.state, pausedMs)) {
        run.state = setDueDate(run.state, action, dueAt);
      }
      run.timing = { ...run.timing, tracks: shiftTracks(run.timing.tracks, pausedMs) };
    }
  }

  /** Gives every limited step its due time when it starts, from the calendar of today. */
  private async assignDueDates(): Promise<void> {
    const { run } = this;
    for (const pending of run.state.pendingActions) {
      const limit = limitFor(run.policy, pending.action);
      if (!limit || pending.dueAt) continue;
      const startedAt = nowIso();
      const dueAt = await activities.computeDueAt({ fromIso: startedAt, limit });
      const next = setDueDate(run.state, pending.action, dueAt);
      if (next === run.state) continue;
      run.state = next;
      await run.recorder.system(`due:${pending.action}:${run.state.version}`, 'dueDateSet', {
        action: pending.action,
        dueAt,
      });
    }
    run.timing = {
      ...run.timing,
      tracks: syncTracks(run.timing.tracks, run.state.pendingActions, nowIso()),
    };
  }

  private async requestAssignmentAcceptance(): Promise<void> {
    const { run } = this;
    const { proposedMentorId, proposedAt } = run.state.matching;
    const pending = run.state.pendingActions.find((action) => action.action === 'acceptAssignment');
    const key = `${proposedMentorId}:${proposedAt}`;
    if (!proposedMentorId || !pending?.dueAt || run.timing.assignmentRequests.includes(key)) return;
    await activities.enqueueNotification({
      notificationKey: `${run.info.workflowId}:assignment:${key}`,
      projectId: run.state.projectId,
      projectTitle: run.state.application.title,
      kind: 'assignment_request',
      recipients: [{ mentorId: proposedMentorId }],
      action: 'acceptAssignment',
      dueAt: pending.dueAt,
    });
    run.timing = { ...run.timing, assignmentRequests: [...run.timing.assignmentRequests, key] };
  }

  /**
   * Each time staff are to assign a mentor (again), rank the mentors afresh, with explanations,
   * and record the conflicts of interest it found so they can never be proposed.
   */
  private async refreshMentorRanking(): Promise<void> {
    const { run } = this;
    if (!run.state.pendingActions.some((action) => action.action === 'assignMentor')) return;
    // Changes when a proposal ended (declined, timed out, lapsed) or a mentor was excluded.
    const rankingKey = (): string =>
      `${run.state.matching.failedMatches}:${run.state.matching.excludedMentors.length}:${run.proposalsLapsed}`;
    if (this.rankedAt === rankingKey()) return;
    const ranking = await activities.rankMentorCandidates({
      projectId: run.state.projectId,
      project: matchingProjectOf(run.state),
    });
    run.ranking = ranking;
    for (const excluded of ranking.excluded) {
      if (excluded.reason !== 'conflict_of_interest') continue;
      const next = recordMentorConflict(run.state, excluded.mentorId, nowIso());
      if (next === run.state) continue;
      run.state = next;
      await run.recorder.system(`conflict:${excluded.mentorId}`, 'mentorConflictRecorded', {
        mentorId: excluded.mentorId,
        detail: excluded.detail,
      });
    }
    this.rankedAt = rankingKey();
  }

  private async watchForStall(): Promise<void> {
    const { run } = this;
    if (run.state.status !== 'ACTIVE') return;
    const from = run.state.lastDecisionAt ?? run.state.createdAt;
    if (run.timing.stall?.from === from) return;
    const dueAt = await activities.computeDueAt({ fromIso: from, limit: run.policy.stallLimit });
    run.timing = { ...run.timing, stall: { from, dueAt, flagged: false } };
  }

  private async fire(event: TimerEvent): Promise<void> {
    const { run } = this;
    const now = nowIso();
    const escalation: NotificationRecipient = { email: run.policy.escalationContact };
    if (event.kind === 'reminder') {
      const { track, fraction } = event;
      run.timing = {
        ...run.timing,
        tracks: run.timing.tracks.map((t) =>
          t.key === track.key ? { ...t, remindersSent: [...t.remindersSent, fraction] } : t,
        ),
      };
      await activities.enqueueNotification({
        notificationKey: `${run.info.workflowId}:reminder:${track.key}:${track.dueAt}:${fraction}`,
        projectId: run.state.projectId,
        projectTitle: run.state.application.title,
        kind: 'reminder',
        recipients: [run.responsible(track)],
        action: track.action,
        dueAt: track.dueAt,
        fraction,
      });
      await run.recorder.system(
        `reminder:${track.key}:${track.dueAt}:${fraction}`,
        'reminderSent',
        { action: track.action, dueAt: track.dueAt, fraction },
      );
      return;
    }
    if (event.kind === 'overdue') {
      const { track } = event;
      run.timing = {
        ...run.timing,
        tracks: run.timing.tracks.map((t) => (t.key === track.key ? { ...t, overdue: true } : t)),
      };
      if (track.action === 'acceptAssignment' && track.mentorId) {
        run.state = applyMentorTimeout(run.state, run.policy, track.mentorId, now);
      }
      run.state = flagNeedsAttention(run.state, FLAG_REASONS.overdue(track.action), now);
      await activities.enqueueNotification({
        notificationKey: `${run.info.workflowId}:overdue:${track.key}:${track.dueAt}`,
        projectId: run.state.projectId,
        projectTitle: run.state.application.title,
        kind: 'escalation',
        recipients: [run.responsible(track), escalation],
        action: track.action,
        dueAt: track.dueAt,
      });
      await run.recorder.system(`overdue:${track.key}:${track.dueAt}`, 'deadlinePassed', {
        action: track.action,
        dueAt: track.dueAt,
        mentorId: track.mentorId ?? null,
      });
      return;
    }
    const { stall } = event;
    run.timing = { ...run.timing, stall: { ...stall, flagged: true } };
    run.state = flagNeedsAttention(run.state, FLAG_REASONS.stalled, now);
    await activities.enqueueNotification({
      notificationKey: `${run.info.workflowId}:stalled:${stall.from}`,
      projectId: run.state.projectId,
      projectTitle: run.state.application.title,
      kind: 'stalled',
      recipients: [{ role: 'staff' }, escalation],
      dueAt: stall.dueAt,
    });
    await run.recorder.system(`stalled:${stall.from}`, 'projectStalled', { since: stall.from });
  }
}
