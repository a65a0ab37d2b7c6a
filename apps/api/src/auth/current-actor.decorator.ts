import { createParamDecorator, ExecutionContext, UnauthorizedException } from '@nestjs/common';
import type { Actor } from '@app/domain';
import type { AuthenticatedCaller, AuthenticatedRequest } from './authenticated-caller';

export function callerOf(context: ExecutionContext): AuthenticatedCaller {
  const caller = context.switchToHttp().getRequest<AuthenticatedRequest>().caller;
  // Only a @Public route has no caller, and such a route has no actor to ask for.
  if (!caller) throw new UnauthorizedException('this route needs a signed-in caller');
  return caller;
}

/** The authenticated caller with their token: for routes about the caller's own account. */
export const CurrentCaller = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedCaller => callerOf(context),
);

/** The domain Actor of a decision, taken from the bearer token and never from the body. */
export const CurrentActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Actor => actorOf(context),
);

/** The domain Actor of the request's caller. */
export function actorOf(context: ExecutionContext): Actor {
  const caller = callerOf(context);
  return caller.mentorId
    ? { userId: caller.userId, role: caller.role, mentorId: caller.mentorId }
    : { userId: caller.userId, role: caller.role };
}
