export const ACTOR_ROLES = ['staff', 'mentor', 'reviewer', 'admin'] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

/** Who decides: taken from the authenticated caller, never from a request body. */
export interface Actor {
  userId: string;
  role: ActorRole;
  /** Set for mentors: the mentor record this user acts as. */
  mentorId?: string;
}

/** Admins may do everything staff may. */
export function actsAsStaff(actor: Actor): boolean {
  return actor.role === 'staff' || actor.role === 'admin';
}
