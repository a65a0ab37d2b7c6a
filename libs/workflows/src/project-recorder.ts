import {
  currentUpdateInfo,
  isCancellation,
  patched,
  setCurrentDetails,
  upsertSearchAttributes,
  WorkflowInfo,
} from '@temporalio/workflow';
import {
  Actor,
  currentMentorIds,
  Decision,
  decisionNote,
  DecisionResult,
  projectRecordsOf,
  ProjectState,
  Refusal,
} from '@app/domain';
import type {
  AuditEntryInput,
  ProjectSnapshot,
  RecordedTransition,
  TransitionRecord,
} from './activities.types';
import { PATCHES } from './matching-and-deadline.patches';
import {
  CollegeKey,
  IncubationStageKey,
  MentorIdsKey,
  NeedsAttentionKey,
} from './search-attributes';
import { projectSnapshotOf } from './project-snapshot';
import { activities, localRecording } from './workflow-activities';

type Recording = (transition: TransitionRecord) => Promise<RecordedTransition>;

/**
 * A decision's recording inside the Update's workflow task; if the local attempts keep failing
 * (the database is down), the ordinary activity takes over and retries until it is back.
 * recordTransition is idempotent, so an attempt that committed before failing is found again.
 */
async function recordInWorkflowTask(transition: TransitionRecord): Promise<RecordedTransition> {
  try {
    return await localRecording.recordTransition(transition);
  } catch (error) {
    // A local activity that used its attempts fails with its last error (not an ActivityFailure).
    if (isCancellation(error)) throw error;
    return activities.recordTransition(transition);
  }
}

/**
 * Leaves the records of each transition: the search attributes and Web UI summary at once,
 * then the read model and the audit entry through one activity (for a decision, a local
 * activity in the Update's own workflow task, so its answer needs no further workflow task).
 * Transitions are recorded one after another, in the order they happened, so the chain and the
 * read model see a project's versions in order.
 */
export class ProjectRecorder {
  private recording: Promise<unknown> = Promise.resolve();
  /** The records as last sent in this run, to send them again only when they changed. */
  private recordsSent?: string;

  constructor(
    private readonly info: WorkflowInfo,
    private readonly currentState: () => ProjectState,
  ) {}

  decision(
    decisionId: string,
    hash: string,
    actor: Actor,
    decision: Decision,
    result: DecisionResult | { refused: Refusal },
  ): Promise<unknown> {
    // Projects that recorded decisions through the ordinary activity replay that path.
    const recording = patched(PATCHES.recordDecisionsAsLocalActivity)
      ? recordInWorkflowTask
      : activities.recordTransition;
    return this.record(recording, {
      // The Temporal reference of a decision is its update id.
      eventRef: currentUpdateInfo()?.id ?? decisionId,
      kind: 'decision',
      eventType: decision.type,
      actor,
      workflowTime: new Date().toISOString(),
      payload: {
        decision: decision,
        note: decisionNote(decision) ?? null,
      },
      decision: { decisionId, hash, result: result as unknown as Record<string, unknown> },
    });
  }

  system(
    eventRef: string,
    eventType: string,
    payload: Record<string, unknown>,
    actor: Actor | null = null,
  ): Promise<unknown> {
    return this.record(activities.recordTransition, {
      eventRef,
      kind: 'system',
      eventType,
      actor,
      workflowTime: new Date().toISOString(),
      payload,
    });
  }

  /** Resolves once every transition recorded so far has landed. */
  settled(): Promise<unknown> {
    return this.recording;
  }

  /** Mirrors the state into search attributes and the Web UI's summary. */
  mirror(): void {
    const state = this.currentState();
    upsertSearchAttributes([
      { key: IncubationStageKey, value: state.stage },
      { key: MentorIdsKey, value: currentMentorIds(state) },
      { key: CollegeKey, value: state.application.college },
      { key: NeedsAttentionKey, value: state.flags.needsAttention },
    ]);
    setCurrentDetails(
      [
        `**${state.application.title}** (${state.application.college})`,
        `Stage: ${state.stage} · status: ${state.status} · version ${state.version}`,
        state.flags.needsAttention ? `Needs attention: ${state.flags.reasons.join(', ')}` : '',
        state.pendingActions.length
          ? `Waiting for: ${state.pendingActions
              .map(
                (p) =>
                  `${p.action} (${p.mentorId ?? p.actorRole}${p.dueAt ? `, due ${p.dueAt}` : ''})`,
              )
              .join(', ')}`
          : '',
      ]
        .filter(Boolean)
        .join('\n\n'),
    );
  }

  private record(
    recording: Recording,
    audit: Omit<AuditEntryInput, 'projectId' | 'workflowId' | 'runId'>,
  ): Promise<unknown> {
    this.mirror();
    const transition = {
      snapshot: this.snapshot(),
      audit: {
        ...audit,
        projectId: this.currentState().projectId,
        workflowId: this.info.workflowId,
        runId: this.info.runId,
      },
    };
    this.recording = this.recording.then(() => recording(transition));
    return this.recording;
  }

  private snapshot(): ProjectSnapshot {
    const state = this.currentState();
    const snapshot = projectSnapshotOf(state, this.info.workflowId, new Date().toISOString());
    const records = projectRecordsOf(state);
    const recordsText = JSON.stringify(records);
    if (recordsText === this.recordsSent) return snapshot;
    this.recordsSent = recordsText;
    return { ...snapshot, records };
  }
}
