import { SetMetadata } from '@nestjs/common';
import type { ActorRole } from '@app/domain';

export const REQUIRED_ROLES = 'auth:roles';
export const ACCOUNT_SELF_SERVICE = 'auth:accountSelfService';

/**
 * Only callers with one of these roles may use the route; the others get a 403 naming the rule.
 * An admin may do everything staff may, so `@Roles('staff')` admits admins too. Without
 * `@Roles` every signed-in role may call the route (reviewers still only read).
 */
export const Roles = (...roles: [ActorRole, ...ActorRole[]]): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_ROLES, roles);

/**
 * The route changes only the caller's own sign-in (signing out), not the center's data, so a
 * reviewer may call it although it is not a GET.
 */
export const AccountSelfService = (): MethodDecorator => SetMetadata(ACCOUNT_SELF_SERVICE, true);

export const READS_ONLY = 'auth:readsOnly';

/** A POST that only reads (e.g. the codec's decode, whose body is too large for a GET). */
export const ReadsOnly = (): MethodDecorator => SetMetadata(READS_ONLY, true);
