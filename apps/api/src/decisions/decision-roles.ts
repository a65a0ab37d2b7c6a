import { ActorRole, DECISION_PERMISSIONS, DecisionAuthority, DecisionType } from '@app/domain';

const ROLES: Record<DecisionAuthority, [ActorRole, ...ActorRole[]]> = {
  staff: ['staff'],
  mentor: ['mentor'],
  'staff-or-mentor': ['staff', 'mentor'],
};

/**
 * The roles whose callers may send a decision, from the domain's permission table (admins count
 * as staff in the roles guard). The OpenAPI generator reads the same function.
 */
export function decisionRoles(type: DecisionType): [ActorRole, ...ActorRole[]] {
  return ROLES[DECISION_PERMISSIONS[type].authority];
}
