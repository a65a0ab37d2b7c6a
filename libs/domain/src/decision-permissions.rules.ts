import { DECISION_SPECS, DECISION_TYPES, DecisionPermission, DecisionType } from './decisions';

export type { DecisionAuthority, DecisionPermission } from './decisions';

/** The stage and role half of every decision's rules, as one table (read from each spec). */
export const DECISION_PERMISSIONS = Object.fromEntries(
  DECISION_TYPES.map((type) => [type, DECISION_SPECS[type].permission]),
) as Record<DecisionType, DecisionPermission>;
