import {
  currentUpdateInfo,
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
import type { AuditEntryInput, ProjectSnapshot } from './activities.types';
import {
  CollegeKey,
  IncubationStageKey,
  MentorIdsKey,
  NeedsAttentionKey,
} from './search-attributes';
import { projectSnapshotOf } from './project-snapshot';
import { activities } from './workflow-activities';

/**
 * Leaves the records of each transition: the search attributes and Web UI summary at once,
 * then the read model and the audit entry through one activity. Transitions are recorded one
 * after another, in the order they happened, so the chain and the read model see a project's
 * versions in order.
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
    return this.record({
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
    return this.record({
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
    this.recording = this.recording.then(() => activities.recordTransition(transition));
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
