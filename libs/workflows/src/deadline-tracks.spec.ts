import type { PendingAction } from '@app/domain';
import { shiftTracks, syncTracks, trackKey, upcomingTimerEvents } from './deadline-tracks';

const T0 = '2026-01-05T00:00:00.000Z';
const DUE = '2026-01-05T00:01:40.000Z'; // 100 s later
const review: PendingAction = {
  action: 'approvePlan',
  actorRole: 'mentor',
  mentorId: 'm-a',
  dueAt: DUE,
};

describe('deadline tracks', () => {
  it('starts a track for a pending action with a due time, and none without', () => {
    const tracks = syncTracks(
      [],
      [review, { action: 'submitPlanVersion', actorRole: 'staff' }],
      T0,
    );
    expect(tracks).toEqual([
      {
        key: 'approvePlan:m-a',
        action: 'approvePlan',
        actorRole: 'mentor',
        mentorId: 'm-a',
        startedAt: T0,
        dueAt: DUE,
        remindersSent: [],
        overdue: false,
      },
    ]);
  });

  it('keeps sent reminders when the due time moves, and may become overdue again', () => {
    const [track] = syncTracks([], [review], T0);
    const sent = { ...track, remindersSent: [0.5], overdue: true };
    const later = '2026-01-05T00:03:20.000Z';
    expect(syncTracks([sent], [{ ...review, dueAt: later }], T0)).toEqual([
      { ...sent, dueAt: later, overdue: false },
    ]);
  });

  it('drops the track of an action no longer pending', () => {
    const tracks = syncTracks([], [review], T0);
    expect(syncTracks(tracks, [{ action: 'submitPlanVersion', actorRole: 'staff' }], T0)).toEqual(
      [],
    );
  });

  it('lists reminders at the fractions, then the deadline, then the stall, in time order', () => {
    const tracks = syncTracks([], [review], T0);
    const events = upcomingTimerEvents(
      {
        tracks,
        assignmentRequests: [],
        stall: { from: T0, dueAt: '2026-01-05T00:05:00.000Z', flagged: false },
      },
      [0.5, 0.8],
    );
    expect(events.map((event) => [event.kind, new Date(event.at).toISOString()])).toEqual([
      ['reminder', '2026-01-05T00:00:50.000Z'],
      ['reminder', '2026-01-05T00:01:20.000Z'],
      ['overdue', DUE],
      ['stalled', '2026-01-05T00:05:00.000Z'],
    ]);
  });

  it('lists nothing more for an overdue track with its reminders sent', () => {
    const [track] = syncTracks([], [review], T0);
    const done = { ...track, remindersSent: [0.5, 0.8], overdue: true };
    expect(upcomingTimerEvents({ tracks: [done], assignmentRequests: [] }, [0.5, 0.8])).toEqual([]);
  });

  it('shifts a paused track by the time on hold', () => {
    const [track] = syncTracks([], [review], T0);
    expect(shiftTracks([track], 60_000)[0]).toEqual(
      expect.objectContaining({
        startedAt: '2026-01-05T00:01:00.000Z',
        dueAt: '2026-01-05T00:02:40.000Z',
      }),
    );
  });

  it.each([
    [{ action: 'screenApplication', actorRole: 'staff' } as const, 'screenApplication:staff'],
    [
      { action: 'acceptAssignment', actorRole: 'mentor', mentorId: 'm-b' } as const,
      'acceptAssignment:m-b',
    ],
  ])('keys %j as %s', (pending, key) => {
    expect(trackKey(pending)).toBe(key);
  });
});
