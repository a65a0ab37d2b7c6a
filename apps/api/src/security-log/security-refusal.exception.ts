import { HttpException, HttpStatus } from '@nestjs/common';
import type { SecurityReason } from './security-reasons';

/** Who was refused when the request has no authenticated caller (a failed sign-in). */
export interface RefusedSubject {
  userId?: string | null;
  username?: string | null;
  role?: string | null;
}

/**
 * A refusal that belongs in the security log. Throw it from a service; the global
 * SecurityRecordingExceptionFilter records it with the request's method, path, address and caller,
 * then lets the exception filter answer with `status` and `message`. The reason and detail go
 * only to the log, never to the response (a 404 for another mentor's project stays a plain 404).
 */
export class SecurityRefusalException extends HttpException {
  constructor(
    readonly reason: SecurityReason,
    status: HttpStatus,
    message: string,
    readonly detail: Record<string, unknown> = {},
    readonly subject: RefusedSubject = {},
  ) {
    super({ statusCode: status, message }, status);
  }
}
