import { temporal } from '@temporalio/proto';

type History = temporal.api.history.v1.IHistory;
type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
const { EventType } = temporal.api.enums.v1;

/** The marker names the SDK's core writes for `patched()` and for a local activity's result. */
const PATCH_MARKER = 'core_patch';
const LOCAL_ACTIVITY_MARKER = 'core_local_activity';

/**
 * The events of one Update, from its acceptance to its completion: what the workflow did
 * between taking a decision and answering it.
 */
export function eventsOfUpdate(history: History, updateId: string): HistoryEvent[] {
  const events = history.events ?? [];
  const accepted = events.findIndex(
    (event) =>
      event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.meta?.updateId ===
      updateId,
  );
  const completed = events.findIndex(
    (event) => event.workflowExecutionUpdateCompletedEventAttributes?.meta?.updateId === updateId,
  );
  if (accepted < 0 || completed < accepted) {
    throw new Error(`update ${updateId} was not accepted and completed in this history`);
  }
  return events.slice(accepted, completed + 1);
}

export function countOf(events: HistoryEvent[], type: temporal.api.enums.v1.EventType): number {
  return events.filter((event) => Number(event.eventType) === Number(type)).length;
}

/** The activities scheduled (as activity tasks, not local activities) among the events. */
export function scheduledActivities(events: HistoryEvent[]): string[] {
  return events
    .filter(
      (event) => Number(event.eventType) === Number(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED),
    )
    .map((event) => event.activityTaskScheduledEventAttributes?.activityType?.name ?? '');
}

export function localActivityMarkers(events: HistoryEvent[]): HistoryEvent[] {
  return events.filter(
    (event) => event.markerRecordedEventAttributes?.markerName === LOCAL_ACTIVITY_MARKER,
  );
}

/** The `patched()` ids a history's markers name. */
export function patchesOf(history: History): Set<string> {
  const ids = new Set<string>();
  for (const event of history.events ?? []) {
    const marker = event.markerRecordedEventAttributes;
    if (marker?.markerName !== PATCH_MARKER) continue;
    for (const payload of marker.details?.['patch-data']?.payloads ?? []) {
      const { id } = JSON.parse(Buffer.from(payload.data ?? []).toString('utf8')) as {
        id?: string;
      };
      if (id) ids.add(id);
    }
  }
  return ids;
}

export { EventType };
