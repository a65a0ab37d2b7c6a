import {
  CanActivate,
  ExecutionContext,
  HttpStatus,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { pathOf } from '../common/request-path';
import { SecurityLogService } from '../security-log/security-log.service';
import { Authentication, AuthTokensService } from './auth-tokens.service';
import type { AuthenticatedRequest } from './authenticated-caller';
import { presentedToken } from './presented-token';
import { IS_PUBLIC } from './public.decorator';

type TokenRefusal =
  'missing-token' | 'malformed-token' | Extract<Authentication, { ok: false }>['reason'];

/** What the caller is told; a deactivated user's token reads like any invalid one. */
const REFUSAL_MESSAGES: Record<TokenRefusal, string> = {
  'missing-token':
    'sign in first: send "Authorization: Bearer <token>" (or sign in to the web console)',
  'malformed-token':
    'the Authorization header must be "Bearer <token>" with a token this API issued',
  'unknown-token': 'the bearer token is not valid',
  'expired-token': 'the bearer token has expired: sign in again',
  'revoked-token': 'the bearer token was revoked',
  'inactive-user': 'the bearer token is not valid',
};

/** The API's own documentation pages are served without a token. */
const PUBLIC_PATH_PREFIXES = ['/docs'];

/**
 * Global guard: every route needs a valid bearer token unless it is @Public. A missing,
 * malformed, unknown, expired or revoked token, or one of a deactivated user, is a 401 and a
 * security event. The caller it finds is put on the request for the roles guard and
 * @CurrentActor.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AuthTokensService,
    private readonly securityLog: SecurityLogService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (this.isPublic(context, pathOf(request.url))) return true;

    const presented = presentedToken(request.headers);
    if ('refusal' in presented) return this.refuse(context, presented.refusal, presented.detail);

    const outcome = await this.tokens.authenticate(presented.token);
    if (!outcome.ok) {
      return this.refuse(
        context,
        outcome.reason,
        outcome.tokenId ? { tokenId: outcome.tokenId } : {},
        outcome.user,
      );
    }
    request.caller = outcome.caller;
    return true;
  }

  private isPublic(context: ExecutionContext, path: string): boolean {
    const marked = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    return (
      marked === true ||
      PUBLIC_PATH_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))
    );
  }

  private async refuse(
    context: ExecutionContext,
    reason: TokenRefusal,
    detail: Record<string, unknown> = {},
    user?: { userId: string; username: string; role: string },
  ): Promise<never> {
    const http = context.switchToHttp();
    await this.securityLog.recordRequest(
      http.getRequest<AuthenticatedRequest>(),
      reason,
      detail,
      user ?? {},
    );
    http.getResponse<FastifyReply>().header('WWW-Authenticate', 'Bearer realm="incubation"');
    throw new UnauthorizedException({
      statusCode: HttpStatus.UNAUTHORIZED,
      message: REFUSAL_MESSAGES[reason],
    });
  }
}
