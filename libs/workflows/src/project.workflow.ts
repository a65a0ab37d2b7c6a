import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  currentUpdateInfo,
  defineQuery,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  Actor,
  applyDecision,
  createInitialState,
  Decision,
  decisionContentHash,
  decisionNote,
  DecisionRecord,
  DecisionResult,
  DECISION_TYPES,
  isTerminal,
  judgeDecision,
  judgeRepeat,
  ProjectState,
  Refusal,
  Stage,
} from '@app/domain';
import type { AuditEntryInput, ProjectActivities, ProjectSnapshot } from './activities.types';
import { decisionUpdates } from './decision-updates';
import type { DecisionInput, ProjectView, ProjectWorkflowInput } from './project-workflow.types';
import {
  CollegeKey,
  IncubationStageKey,
  MentorIdsKey,
  NeedsAttentionKey,
} from './search-attributes';

export const stateQuery = defineQuery<ProjectView>('state');

const { recordTransition } = proxyActivities<ProjectActivities>({
  startToCloseTimeout: '30 seconds',
  // Records must land: retry until the database is back rather than lose an audit entry.
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

function refusalFailure(refusal: Refusal): ApplicationFailure {
  return ApplicationFailure.create({
    type: refusal.kind,
    message: refusal.message,
    details: [refusal],
    nonRetryable: true,
  });
}

function mentorIds(state: ProjectState): string[] {
  const ids = [state.matching.assignedMentorId, state.matching.proposedMentorId];
  return [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
}

function nextDueAt(state: ProjectState): string | null {
  const due = state.pendingActions
    .map((action) => action.dueAt)
    .filter((at): at is string => typeof at === 'string')
    .sort();
  return due[0] ?? null;
}

/**
 * One project, from application to INCUBATED (or REJECTED / WITHDRAWN). Every human decision is
 * an Update: its validator applies the domain's rules to the current state, so a refused
 * decision never reaches the history; its handler changes the state before its first await
 * (so a concurrent decision is judged against the new state) and answers only after the read
 * model and the audit chain have the transition.
 */
export async function projectWorkflow(input: ProjectWorkflowInput): Promise<ProjectView> {
  const info = workflowInfo();
  let state: ProjectState =
    input.carried?.state ??
    createInitialState(input.projectId, input.application, new Date().toISOString());
  const decisions: Record<string, DecisionRecord> = { ...(input.carried?.decisions ?? {}) };
  // Transitions are recorded one after another, in the order they were applied, so the audit
  // chain and the read model see a project's versions in order.
  let recording: Promise<unknown> = Promise.resolve();

  const view = (): ProjectView => ({ workflowId: info.workflowId, state, policy: input.policy });

  const snapshot = (): ProjectSnapshot => ({
    projectId: state.projectId,
    workflowId: info.workflowId,
    title: state.application.title,
    college: state.application.college,
    stage: state.stage,
    status: state.status,
    mentorId: state.matching.assignedMentorId ?? state.matching.proposedMentorId ?? null,
    needsAttention: state.flags.needsAttention,
    attentionReasons: state.flags.reasons,
    nextDueAt: nextDueAt(state),
    pendingActions: state.pendingActions,
    revisionRounds: state.plan.revisionRounds,
    version: state.version,
    createdAt: state.createdAt,
    updatedAt: new Date().toISOString(),
    closedAt: isTerminal(state.stage) ? new Date().toISOString() : null,
    releasesTitle: state.stage === Stage.REJECTED || state.stage === Stage.WITHDRAWN,
  });

  const mirrorState = (): void => {
    upsertSearchAttributes([
      { key: IncubationStageKey, value: state.stage },
      { key: MentorIdsKey, value: mentorIds(state) },
      { key: CollegeKey, value: state.application.college },
      { key: NeedsAttentionKey, value: state.flags.needsAttention },
    ]);
    setCurrentDetails(
      [
        `**${state.application.title}** (${state.application.college})`,
        `Stage: ${state.stage} · status: ${state.status} · version ${state.version}`,
        state.flags.needsAttention ? `Needs attention: ${state.flags.reasons.join(', ')}` : '',
        state.pendingActions.length
          ? `Waiting for: ${state.pendingActions.map((p) => `${p.action} (${p.actorRole})`).join(', ')}`
          : '',
      ]
        .filter(Boolean)
        .join('\n\n'),
    );
  };

  const record = (
    audit: Omit<AuditEntryInput, 'projectId' | 'workflowId' | 'runId'>,
  ): Promise<unknown> => {
    const transition = {
      snapshot: snapshot(),
      audit: {
        ...audit,
        projectId: state.projectId,
        workflowId: info.workflowId,
        runId: info.runId,
      },
    };
    recording = recording.then(() => recordTransition(transition));
    return recording;
  };

  setHandler(stateQuery, view);

  for (const type of DECISION_TYPES) {
    setHandler(
      decisionUpdates[type],
      async ({ decisionId, actor, decision }: DecisionInput): Promise<DecisionResult> => {
        const known = decisions[decisionId];
        if (known) return known.result;
        const hash = decisionContentHash(type, decision, actor);
        const applied = applyDecision(
          state,
          input.policy,
          actor,
          decision,
          decisionId,
          new Date().toISOString(),
        );
        state = applied.state;
        decisions[decisionId] = { hash, result: applied.result };
        mirrorState();
        await record({
          // The Temporal reference of this decision: its update id.
          eventRef: currentUpdateInfo()?.id ?? decisionId,
          kind: 'decision',
          eventType: type,
          actor,
          workflowTime: new Date().toISOString(),
          payload: {
            decision: decision,
            note: decisionNote(decision) ?? null,
          },
          decision: {
            decisionId,
            hash,
            result: applied.result as unknown as Record<string, unknown>,
          },
        });
        return applied.result;
      },
      {
        validator: ({ decisionId, actor, decision }: DecisionInput): void => {
          validateDecision(type, decisionId, actor, decision);
        },
      },
    );
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
    const refusal = judgeDecision(state, actor, decision);
    if (refusal) throw refusalFailure(refusal);
  }

  if (!input.carried) {
    mirrorState();
    await record({
      eventRef: 'application-submitted',
      kind: 'system',
      eventType: 'applicationSubmitted',
      actor: input.submittedBy,
      workflowTime: state.createdAt,
      payload: { title: state.application.title, college: state.application.college },
    });
  } else {
    mirrorState();
  }

  await condition(() => isTerminal(state.stage) || workflowInfo().continueAsNewSuggested);
  // Let every accepted decision finish (and its records land) before closing or handing over.
  await condition(allHandlersFinished);
  await recording;
  if (!isTerminal(state.stage)) {
    await continueAsNew<typeof projectWorkflow>({ ...input, carried: { state, decisions } });
  }
  return view();
}
