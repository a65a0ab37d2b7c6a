import type { UpdateDefinition } from '@temporalio/common';
import { defineUpdate } from '@temporalio/workflow';
import { DECISION_TYPES, DecisionOf, DecisionResult, DecisionType } from '@app/domain';
import type { DecisionInput } from './project-workflow.types';

export type DecisionUpdate<T extends DecisionType = DecisionType> = UpdateDefinition<
  DecisionResult,
  [DecisionInput<DecisionOf<T>>],
  T
>;

/**
 * One Update per decision, named in the users' words (`screenApplication`, `approvePlan`, …),
 * so the Web UI and the history say what was decided. Clients send the decision's `decisionId`
 * as the update id.
 */
export const decisionUpdates = Object.fromEntries(
  DECISION_TYPES.map((type) => [type, defineUpdate<DecisionResult, [DecisionInput]>(type)]),
) as { [T in DecisionType]: DecisionUpdate<T> };

/** The Update of any decision, typed for callers that send a `Decision` of any type. */
export function decisionUpdateFor(
  type: DecisionType,
): UpdateDefinition<DecisionResult, [DecisionInput], string> {
  return decisionUpdates[type] as UpdateDefinition<DecisionResult, [DecisionInput], string>;
}
