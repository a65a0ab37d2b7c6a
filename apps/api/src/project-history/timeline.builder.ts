import {
  decodeFromPayloadsAtIndex,
  decodeOptionalFailureToOptionalError,
} from '@temporalio/common/lib/internal-non-workflow';
import type { LoadedDataConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { Actor, Decision, DecisionResult, Refusal } from '@app/domain';
import { decisionNote } from '@app/domain';
import type { AuditEventRecord } from '@app/persistence';
import type { AuditEntryInput, DecisionInput, TransitionRecord } from '@app/workflows/public-api';
import type { ProjectRun } from './project-runs.service';
import type { TimelineEntry } from './timeline.types';

const { EventType } = temporal.api.enums.v1;
type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

interface Placed {
  entry: TimelineEntry;
  /** Position in the joined history; audit rows without an event are placed by time. */
  runIndex: number | null;
  eventId: bigint | null;
}

function eventTime(event: HistoryEvent): string {
  const seconds = Number(event.eventTime?.seconds ?? 0);
  const nanos = event.eventTime?.nanos ?? 0;
  return new Date(seconds * 1000 + Math.floor(nanos / 1e6)).toISOString();
}

function blank(at: string): TimelineEntry {
  return {
    at,
    kind: 'system',
    type: '',
    actorUserId: null,
    actorName: null,
    actorRole: null,
    actorMentorId: null,
    comment: null,
    outcome: null,
    decisionId: null,
    runId: null,
    eventId: null,
    auditSeq: null,
    details: null,
  };
}

function withActor(entry: TimelineEntry, actor: Actor | null | undefined): TimelineEntry {
  if (!actor) return entry;
  return {
    ...entry,
    actorUserId: actor.userId,
    actorRole: actor.role,
    actorMentorId: actor.mentorId ?? null,
  };
}

function decisionOutcome(
  result: DecisionResult | { refused: Refusal } | null | undefined,
): string | null {
  if (!result) return null;
  if ('refused' in result) return `refused (${result.refused.rule}): ${result.refused.message}`;
  const reached = `accepted: ${result.stage} (${result.status})`;
  return result.message ? `${reached}: ${result.message}` : reached;
}

/** A sentence for a system event's payload. */
function systemOutcome(type: string, payload: Record<string, unknown>): string | null {
  const text = (value: unknown): string =>
    typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  switch (type) {
    case 'applicationSubmitted':
      return `application submitted: ${text(payload.title)} (${text(payload.college)})`;
    case 'dueDateSet':
      return `${text(payload.action)} due ${text(payload.dueAt)}`;
    case 'reminderSent':
      return `reminder: ${text(payload.action)} due ${text(payload.dueAt)} (${Math.round(Number(payload.fraction) * 100)}% of the time passed)`;
    case 'deadlinePassed':
      return `overdue: ${text(payload.action)} was due ${text(payload.dueAt)}; escalated`;
    case 'projectStalled':
      return `stalled: no decision since ${text(payload.since)}; escalated`;
    case 'mentorConflictRecorded':
      return `mentor ${text(payload.mentorId)} excluded: conflict of interest`;
    default:
      return null;
  }
}

/**
 * Renders a project's joined runs and its audit rows as a timeline: every decision (from its
 * Update's accepted and completed events, with the audit row that recorded it), every system
 * event of the audit chain (placed at the event that scheduled its recording), timers fired and
 * the runs' starts and ends. A decision repeated after continue-as-new (answered from the
 * workflow's record, changing nothing) appears once. Audit rows of runs that no history holds
 * any more are listed from the chain alone, without event ids.
 */
export async function buildTimeline(
  converter: LoadedDataConverter,
  runs: ProjectRun[],
  auditRows: AuditEventRecord[],
): Promise<TimelineEntry[]> {
  const decode = <T>(payloads: temporal.api.common.v1.IPayload[] | null | undefined): Promise<T> =>
    decodeFromPayloadsAtIndex<T>(converter, 0, payloads ?? []);
  const auditByRef = new Map(auditRows.map((row) => [`${row.runId}/${row.eventRef}`, row]));
  const placedRows = new Set<string>();
  const seenDecisions = new Set<string>();
  const placed: Placed[] = [];

  for (const [runIndex, run] of runs.entries()) {
    const accepted = new Map<string, { event: HistoryEvent; input: DecisionInput; name: string }>();
    const place = (entry: TimelineEntry, event: HistoryEvent): void => {
      placed.push({
        entry: { ...entry, runId: run.runId, eventId: String(event.eventId) },
        runIndex,
        eventId: BigInt(String(event.eventId)),
      });
    };
    const auditRowOf = (eventRef: string): AuditEventRecord | undefined => {
      const key = `${run.runId}/${eventRef}`;
      const row = auditByRef.get(key);
      if (row) placedRows.add(key);
      return row;
    };

    for (const event of run.history.events ?? []) {
      const at = eventTime(event);
      switch (event.eventType) {
        case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED: {
          const from = event.workflowExecutionStartedEventAttributes?.continuedExecutionRunId;
          place(
            {
              ...blank(at),
              kind: 'run',
              type: from ? 'runContinued' : 'runStarted',
              outcome: from ? `continues run ${from}` : 'workflow started',
            },
            event,
          );
          break;
        }
        case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED: {
          const attributes = event.workflowExecutionUpdateAcceptedEventAttributes;
          const request = attributes?.acceptedRequest;
          const updateId = request?.meta?.updateId ?? attributes?.protocolInstanceId ?? '';
          const input = await decode<DecisionInput>(request?.input?.args?.payloads);
          accepted.set(updateId, { event, input, name: request?.input?.name ?? '' });
          break;
        }
        case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED: {
          const attributes = event.workflowExecutionUpdateCompletedEventAttributes;
          const updateId = attributes?.meta?.updateId ?? '';
          const start = accepted.get(updateId);
          accepted.delete(updateId);
          if (!start) break;
          const success = attributes?.outcome?.success;
          const failure = attributes?.outcome?.failure;
          const result = success ? await decode<DecisionResult>(success.payloads) : undefined;
          // Decoded: the message may sit in the failure's (encrypted) encoded attributes.
          const refused = await decodeOptionalFailureToOptionalError(converter, failure);
          placeDecision(start, updateId, result, refused?.message ?? null);
          break;
        }
        case EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED: {
          const attributes = event.activityTaskScheduledEventAttributes;
          if (attributes?.activityType?.name !== 'recordTransition') break;
          const record = await decode<TransitionRecord>(attributes.input?.payloads);
          const audit: AuditEntryInput | undefined = record?.audit;
          if (!audit || audit.kind !== 'system') break;
          const row = auditRowOf(audit.eventRef);
          place(
            systemEntry(audit.eventType, audit.actor, audit.payload, row, audit.workflowTime),
            event,
          );
          break;
        }
        case EventType.EVENT_TYPE_TIMER_FIRED:
          place(
            {
              ...blank(at),
              kind: 'timer',
              type: 'timerFired',
              outcome: `timer ${event.timerFiredEventAttributes?.timerId ?? ''} fired`,
              details: {
                startedEventId: String(event.timerFiredEventAttributes?.startedEventId ?? ''),
              },
            },
            event,
          );
          break;
        case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW:
          place(
            {
              ...blank(at),
              kind: 'run',
              type: 'continuedAsNew',
              outcome: `continued as new in run ${event.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? ''}`,
            },
            event,
          );
          break;
        case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED:
          place(
            { ...blank(at), kind: 'run', type: 'workflowCompleted', outcome: 'workflow completed' },
            event,
          );
          break;
        default:
          break;
      }
    }
    // Accepted but not completed yet: the decision is still being applied.
    for (const [updateId, start] of accepted) placeDecision(start, updateId, undefined, null, true);

    function placeDecision(
      start: { event: HistoryEvent; input: DecisionInput; name: string },
      updateId: string,
      result: DecisionResult | undefined,
      failure: string | null,
      inProgress = false,
    ): void {
      const { input } = start;
      if (seenDecisions.has(input.decisionId)) return;
      seenDecisions.add(input.decisionId);
      const row = auditRowOf(updateId);
      const outcome = inProgress
        ? 'in progress'
        : (decisionOutcome(row?.decisionResult) ??
          (result ? decisionOutcome(result) : failure ? `refused: ${failure}` : null));
      place(decisionEntry(eventTime(start.event), start.name, input, outcome, row), start.event);
    }
  }

  // Rows whose run no history holds any more: the chain alone tells what happened.
  for (const row of auditRows) {
    const key = `${row.runId}/${row.eventRef}`;
    if (placedRows.has(key)) continue;
    if (row.kind === 'decision' && row.decisionId && seenDecisions.has(row.decisionId)) continue;
    const at = row.workflowTime.toISOString();
    const entry =
      row.kind === 'decision'
        ? decisionEntry(
            at,
            row.eventType,
            {
              decisionId: row.decisionId ?? '',
              actor: row.actor as Actor,
              decision: row.payload.decision as Decision,
            },
            decisionOutcome(row.decisionResult),
            row,
          )
        : systemEntry(row.eventType, row.actor, row.payload, row, at);
    placed.push({ entry: { ...entry, runId: row.runId }, runIndex: null, eventId: null });
  }
  return order(placed);
}

function decisionEntry(
  at: string,
  type: string,
  input: DecisionInput,
  outcome: string | null,
  row: AuditEventRecord | undefined,
): TimelineEntry {
  return withActor(
    {
      ...blank(at),
      kind: 'decision',
      type: input.decision?.type ?? type,
      comment: input.decision ? (decisionNote(input.decision) ?? null) : null,
      outcome,
      decisionId: input.decisionId,
      auditSeq: row?.seq ?? null,
      details: input.decision ? { ...input.decision } : null,
    },
    input.actor,
  );
}

function systemEntry(
  type: string,
  actor: Actor | null,
  payload: Record<string, unknown>,
  row: AuditEventRecord | undefined,
  at: string,
): TimelineEntry {
  return withActor(
    {
      ...blank(row ? row.workflowTime.toISOString() : at),
      kind: 'system',
      type,
      outcome: systemOutcome(type, payload),
      auditSeq: row?.seq ?? null,
      details: payload,
    },
    actor,
  );
}

/** Events in history order; entries known only from the chain merged in by time. */
function order(placed: Placed[]): TimelineEntry[] {
  const fromHistory = placed
    .filter((item) => item.runIndex !== null)
    .sort((a, b) =>
      a.runIndex !== b.runIndex
        ? (a.runIndex ?? 0) - (b.runIndex ?? 0)
        : a.eventId! < b.eventId!
          ? -1
          : a.eventId! > b.eventId!
            ? 1
            : 0,
    )
    .map((item) => item.entry);
  const fromChain = placed
    .filter((item) => item.runIndex === null)
    .map((item) => item.entry)
    .sort((a, b) => a.at.localeCompare(b.at) || Number(a.auditSeq) - Number(b.auditSeq));
  const merged: TimelineEntry[] = [];
  let next = 0;
  for (const entry of fromHistory) {
    while (next < fromChain.length && fromChain[next].at < entry.at) merged.push(fromChain[next++]);
    merged.push(entry);
  }
  return [...merged, ...fromChain.slice(next)];
}
