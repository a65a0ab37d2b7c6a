import type { UpdateDefinition } from '@temporalio/common';
import { defineUpdate } from '@temporalio/workflow';
import {
  Actor,
  Decision,
  decisionContentHash,
  DECISION_TYPES,
  DecisionOf,
  DecisionResult,
  DecisionType,
} from '@app/domain';
import type { DecisionInput } from './project-workflow.types';

export type DecisionUpdate<T extends DecisionType = DecisionType> = UpdateDefinition<
  DecisionResult,
  [DecisionInput<DecisionOf<T>>],
  T
>;

/**
 * One Update per decision, named in the users' words (`screenApplication`, `approvePlan`, …),
 * so the Web UI and the history say what was decided.
 */
export const decisionUpdates = Object.fromEntries(
  DECISION_TYPES.map((type) => [type, defineUpdate<DecisionResult, [DecisionInput]>(type)]),
) as { [T in DecisionType]: DecisionUpdate<T> };

/** The Update of any decision, typed for callers that send a `Decision` of any type. */
export function decisionUpdateFor(
  type: DecisionType,
): UpdateDefinition<DecisionResult, [DecisionInput], string> {
  return decisionUpdates[type];
}

/**
 * The update id of a decision: its `decisionId` plus its content hash. Temporal de-duplicates
 * update ids within a run without running the validator, so with the bare `decisionId` a
 * different decision reusing an id would silently get the first one's answer. With the hash,
 * the same decision sent again is de-duplicated by the server (or answered from the workflow's
 * record after continue-as-new), and a different one reaches the validator, which refuses it.
 */
export function decisionUpdateId(decisionId: string, actor: Actor, decision: Decision): string {
  return `${decisionId}@${decisionContentHash(decision.type, decision, actor).slice(0, 32)}`;
}
