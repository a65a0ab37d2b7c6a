import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { catchError, from, mergeMap, Observable, throwError } from 'rxjs';
import { SecurityLogService } from './security-log.service';
import { SecurityRefusalException } from './security-refusal.exception';

/** Writes every SecurityRefusalException a handler throws to the security log, then rethrows it. */
@Injectable()
export class SecurityRefusalInterceptor implements NestInterceptor {
  constructor(private readonly securityLog: SecurityLogService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (!(error instanceof SecurityRefusalException) || context.getType() !== 'http') {
          return throwError(() => error);
        }
        const request = context.switchToHttp().getRequest<FastifyRequest>();
        return from(
          this.securityLog.recordRequest(request, error.reason, error.detail, error.subject),
        ).pipe(mergeMap(() => throwError(() => error)));
      }),
    );
  }
}
