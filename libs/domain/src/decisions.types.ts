import type { Decision } from './decisions';

// Each decision type lives in decisions/<type>.ts; the union and the registry in decisions/index.ts.
export * from './decisions';

/** The free text a decision carries for the history: its comment or its reason. */
export function decisionNote(decision: Decision): string | undefined {
  if ('reason' in decision) return decision.reason;
  if ('comment' in decision) return decision.comment;
  return undefined;
}
