import { HttpException } from '@nestjs/common';

/** Fastify's code for a body past the route's bodyLimit. */
const BODY_TOO_LARGE = 'FST_ERR_CTP_BODY_TOO_LARGE';

export interface BodyTooLargeAnswer {
  statusCode: 413;
  error: 'Payload Too Large';
  message: string;
  rule: 'body-size-limit';
  limitBytes: number;
  [extra: string]: unknown;
}

/**
 * Fastify says only "Request body is too large"; the caller needs the limit to fix the request,
 * so the answer names it in bytes, as configured (JSON_BODY_MAX_BYTES or the route's own limit).
 */
export function bodyTooLargeAnswer(
  exception: unknown,
  request: { routeOptions?: { bodyLimit?: number } } | undefined,
): BodyTooLargeAnswer | undefined {
  if (!isBodyTooLarge(exception)) return undefined;
  const limitBytes = request?.routeOptions?.bodyLimit;
  if (typeof limitBytes !== 'number') return undefined;
  return {
    statusCode: 413,
    error: 'Payload Too Large',
    message: `the body is larger than the limit of ${limitBytes} bytes (${describeBytes(limitBytes)})`,
    rule: 'body-size-limit',
    limitBytes,
  };
}

/** A limit in the unit people read: whole MB when it is one, otherwise KB. */
export function describeBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  if (Number.isInteger(mib)) return `${mib} MB`;
  const kib = bytes / 1024;
  return Number.isInteger(kib) ? `${kib} KB` : `${Math.round(kib * 10) / 10} KB`;
}

/**
 * Fastify's own error, or the HttpException Nest's adapter turns it into (413 with Fastify's
 * bare message). A 413 of ours (an upload past its limit) already names its limit and rule.
 */
function isBodyTooLarge(exception: unknown): boolean {
  if ((exception as { code?: unknown } | null)?.code === BODY_TOO_LARGE) return true;
  if (!(exception instanceof HttpException)) return false;
  if (exception.getStatus() !== 413) return false;
  const raw = exception.getResponse();
  return typeof raw === 'string' || (typeof raw === 'object' && raw !== null && !('rule' in raw));
}
