import type { Actor } from '../actor.types';
import type { JsonObject } from '../field-checks.rules';
import type { Policy } from '../policy.types';
import type { ProjectState } from '../project-state.types';
import type { Refusal } from '../refusal.types';
import type { Stage } from '../stage.types';

/** Who may take each decision. Admins count as staff. */
export type DecisionAuthority = 'staff' | 'mentor' | 'staff-or-mentor';

export interface DecisionPermission {
  authority: DecisionAuthority;
  stages: readonly Stage[];
}

/** What a decision changes, and what the person who took it is told. */
export interface Effect {
  state: ProjectState;
  message: string;
}

export interface EffectContext {
  policy: Policy;
  actor: Actor;
  now: string;
}

/** A label in each language the center writes in. */
export interface Wording {
  zh: string;
  en: string;
}

/**
 * Everything one decision type is, in one place: who may take it and when, the shape of its
 * body, its rules against the project as it stands, and what it does. The registry
 * (`decisions/index.ts`) holds one per type, so the compiler refuses a type left incomplete.
 */
export interface DecisionSpec<D extends { type: string }> {
  /** The stage and role half of its rules. */
  permission: DecisionPermission;
  /** Stateless: the fields it may carry besides `type`, and how to check them. */
  shape: { fields: readonly string[]; check: (decision: JsonObject) => Refusal[] };
  /**
   * Its own rules against the state, judged after the role, the project being open (or held)
   * and the stage passed.
   */
  judge: (state: ProjectState, actor: Actor, decision: D) => Refusal | null;
  /** Applies an accepted decision: the new state (the input is not changed) and the answer. */
  effect: (state: ProjectState, decision: D, context: EffectContext) => Effect;
  /**
   * Whether taking it means someone is attending to the project: it clears `needsAttention`
   * and restarts the stall watch. A note does neither.
   */
  attends: boolean;
  /** May it be taken while the project is on hold? */
  whileOnHold: boolean;
  /** What a pending step of this type asks of the person (reminders, escalations); null: never pending. */
  asks: Wording | null;
}
