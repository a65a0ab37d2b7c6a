import { DECISION_SPECS, DECISION_TYPES, isDecisionType } from './decisions';
import { checkKnownFields, checkObject, checkOneOf, isJsonObject } from './field-checks.rules';
import { Refusal } from './refusal.types';
import { checkStorableText } from './storable-text.rules';

export { checkIpShares } from './decisions/shape-checks';

export interface DecisionShapeOptions {
  /**
   * Refuse U+0000 and unpaired surrogates in every string. Off only where a workflow replays
   * decisions accepted before the rule existed (their histories must replay unchanged).
   */
  storableText: boolean;
}

/**
 * Every stateless problem with a decision body: fields, types, limits, required comments and
 * reasons, USCC, share sums, dates. The API runs it before sending a decision; the workflow runs
 * it again (via `judgeDecision`) because an Update argument is untrusted JSON. Each type's
 * fields and checks are its spec's `shape` (decisions/<type>.ts).
 */
export function validateDecisionShape(
  decision: unknown,
  options: DecisionShapeOptions = { storableText: true },
): Refusal[] {
  if (!isJsonObject(decision)) return checkObject(decision, 'decision');
  // First, so an unstorable character is named as such whatever else the field breaks.
  const unstorable = options.storableText ? checkStorableText(decision) : [];
  if (unstorable.length > 0) return unstorable;
  if (!isDecisionType(decision.type)) {
    return [checkOneOf(decision.type, 'type', DECISION_TYPES)[0]];
  }
  const { shape } = DECISION_SPECS[decision.type];
  return [...checkKnownFields(decision, ['type', ...shape.fields], ''), ...shape.check(decision)];
}
