import type { DecisionType, PendingAction, ProjectState } from '@app/domain';

/**
 * The workflow's bookkeeping of each deadline it watches: when the step started, when it is
 * due, which reminders went out and whether it was declared overdue. Kept beside the domain
 * state (it is about timers, not about the project) and carried across continue-as-new.
 */
export interface DeadlineTrack {
  key: string;
  action: DecisionType;
  actorRole: 'staff' | 'mentor';
  mentorId?: string;
  startedAt: string;
  dueAt: string;
  remindersSent: number[];
  overdue: boolean;
}

/** No accepted decision for the policy's stall limit: counted from the last one. */
export interface StallWatch {
  from: string;
  dueAt: string;
  flagged: boolean;
}

export interface TimingState {
  tracks: DeadlineTrack[];
  stall?: StallWatch;
  /** Assignment requests already sent, by mentor and proposal time. */
  assignmentRequests: string[];
}

export type TimerEvent =
  | { kind: 'reminder'; at: number; track: DeadlineTrack; fraction: number }
  | { kind: 'overdue'; at: number; track: DeadlineTrack }
  | { kind: 'stalled'; at: number; stall: StallWatch };

export function trackKey(
  pending: Pick<PendingAction, 'action' | 'actorRole' | 'mentorId'>,
): string {
  return `${pending.action}:${pending.mentorId ?? pending.actorRole}`;
}

/**
 * Follows the pending actions that have a due time: a new one starts a track now, a moved due
 * time (an extension) keeps the reminders already sent but may become overdue again, and an
 * action no longer pending drops its track.
 */
export function syncTracks(
  tracks: readonly DeadlineTrack[],
  pendingActions: readonly PendingAction[],
  nowIso: string,
): DeadlineTrack[] {
  return pendingActions
    .filter((pending): pending is PendingAction & { dueAt: string } => pending.dueAt !== undefined)
    .map((pending) => {
      const key = trackKey(pending);
      const existing = tracks.find((track) => track.key === key);
      if (!existing) {
        return {
          key,
          action: pending.action,
          actorRole: pending.actorRole,
          ...(pending.mentorId ? { mentorId: pending.mentorId } : {}),
          startedAt: nowIso,
          dueAt: pending.dueAt,
          remindersSent: [],
          overdue: false,
        };
      }
      return existing.dueAt === pending.dueAt
        ? existing
        : { ...existing, dueAt: pending.dueAt, overdue: false };
    });
}

/** Every timer still to fire, earliest first: reminders at the policy's fractions, deadlines, the stall. */
export function upcomingTimerEvents(
  timing: TimingState,
  reminderFractions: readonly number[],
): TimerEvent[] {
  const events: TimerEvent[] = [];
  for (const track of timing.tracks) {
    const start = Date.parse(track.startedAt);
    const due = Date.parse(track.dueAt);
    if (!track.overdue) {
      for (const fraction of reminderFractions) {
        if (!track.remindersSent.includes(fraction)) {
          events.push({ kind: 'reminder', at: start + fraction * (due - start), track, fraction });
        }
      }
      events.push({ kind: 'overdue', at: due, track });
    }
  }
  if (timing.stall && !timing.stall.flagged) {
    events.push({ kind: 'stalled', at: Date.parse(timing.stall.dueAt), stall: timing.stall });
  }
  return events.sort((a, b) => a.at - b.at);
}

/** Moves every watched deadline later by the time a project spent on hold. */
export function shiftTracks(tracks: readonly DeadlineTrack[], pausedMs: number): DeadlineTrack[] {
  const shift = (iso: string): string => new Date(Date.parse(iso) + pausedMs).toISOString();
  return tracks.map((track) => ({
    ...track,
    startedAt: shift(track.startedAt),
    dueAt: shift(track.dueAt),
  }));
}

/** The pending actions whose due time moves with a hold, shifted by the paused time. */
export function shiftedDueDates(
  state: ProjectState,
  pausedMs: number,
): { action: DecisionType; dueAt: string }[] {
  return state.pendingActions
    .filter((pending): pending is PendingAction & { dueAt: string } => pending.dueAt !== undefined)
    .map((pending) => ({
      action: pending.action,
      dueAt: new Date(Date.parse(pending.dueAt) + pausedMs).toISOString(),
    }));
}
