import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ActorRole } from '@app/domain';
import { pathOf } from '../common/request-path';
import { SecurityLogService } from '../security-log/security-log.service';
import type { SecurityReason } from '../security-log/security-reasons';
import type { AuthenticatedRequest } from './authenticated-caller';
import { IS_PUBLIC } from './public.decorator';
import { ACCOUNT_SELF_SERVICE, READS_ONLY, REQUIRED_ROLES } from './roles.decorator';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Global guard after authentication: reviewers read everything and change nothing (any other
 * method is a 403 'reviewer-read-only'), and a route's @Roles admit only those roles (403
 * 'forbidden-role'). Each refusal is a security event.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly securityLog: SecurityLogService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const caller = request.caller;
    // The authentication guard runs first; without a caller here the route is public by path.
    if (!caller) {
      if (pathOf(request.url).startsWith('/docs')) return true;
      throw new UnauthorizedException('sign in first');
    }

    const selfService = this.reflector.get<boolean | undefined>(
      ACCOUNT_SELF_SERVICE,
      context.getHandler(),
    );
    const readsOnly = this.reflector.get<boolean | undefined>(READS_ONLY, context.getHandler());
    const reads = READ_METHODS.has(request.method) || readsOnly;
    if (caller.role === 'reviewer' && !reads && !selfService) {
      return this.refuse(
        request,
        'reviewer-read-only',
        `reviewers read everything and change nothing: ${request.method} is not allowed`,
        {},
      );
    }

    const required = this.reflector.getAllAndOverride<ActorRole[] | undefined>(
      REQUIRED_ROLES,
      targets,
    );
    if (required && !admits(required, caller.role)) {
      return this.refuse(
        request,
        'forbidden-role',
        `this route is for ${describe(required)} only; you are signed in as ${caller.role}`,
        { required },
      );
    }
    return true;
  }

  private async refuse(
    request: AuthenticatedRequest,
    reason: SecurityReason,
    message: string,
    detail: Record<string, unknown>,
  ): Promise<never> {
    await this.securityLog.recordRequest(request, reason, detail);
    throw new ForbiddenException({ statusCode: 403, message, reason });
  }
}

/** Admins may do everything staff may. */
function admits(required: ActorRole[], role: ActorRole): boolean {
  return required.includes(role) || (role === 'admin' && required.includes('staff'));
}

function describe(required: ActorRole[]): string {
  const roles =
    required.includes('staff') && !required.includes('admin') ? [...required, 'admin'] : required;
  return roles.join(', ');
}
