import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { WorkflowNotFoundError } from '@temporalio/client';
import { isTemporalUnavailable, workflowRefusal } from '../temporal/temporal-errors';
import { isDatabaseUnavailable } from './database-unavailable';
import { refusalStatus } from './refusal.exception';
import { noteRefusalReason } from '../metrics/http-metrics.hook';
import { bodyTooLargeAnswer } from '../http/body-too-large';

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  [extra: string]: unknown;
}

/**
 * The one place failures become HTTP answers. Known client mistakes keep their 4xx and their
 * message; Temporal being slow or away is a 503 that tells the caller the outcome is unknown;
 * anything else is logged and answered as a 500 without internals.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(ApiExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<FastifyReply>();
    const body: ErrorBody =
      bodyTooLargeAnswer(exception, host.switchToHttp().getRequest<FastifyRequest>()) ??
      this.toBody(exception);
    // A lockout tells when to try again.
    if (typeof body.retryAfterSeconds === 'number') {
      response.header('Retry-After', String(body.retryAfterSeconds));
    }
    // The rule the answer names, for the refusals metric.
    noteRefusalReason(host.switchToHttp().getRequest<object>(), body.rule);
    response.code(body.statusCode).send(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const raw = exception.getResponse();
      const fields =
        typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
      const message = Array.isArray(fields.message)
        ? fields.message.join('; ')
        : typeof fields.message === 'string'
          ? fields.message
          : exception.message;
      return { ...fields, statusCode: status, error: httpStatusName(status), message };
    }
    const refusal = workflowRefusal(exception);
    if (refusal) {
      const status = refusalStatus(refusal);
      return {
        statusCode: status,
        error: httpStatusName(status),
        message: refusal.message,
        rule: refusal.rule,
        ...(refusal.field ? { field: refusal.field } : {}),
      };
    }
    if (exception instanceof WorkflowNotFoundError) {
      return { statusCode: 404, error: 'Not Found', message: 'project not found' };
    }
    const edge = fastifyClientError(exception);
    if (edge) {
      return {
        statusCode: edge.statusCode,
        error: httpStatusName(edge.statusCode),
        message: edge.message,
      };
    }
    if (isTemporalUnavailable(exception)) {
      return {
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        error: 'Service Unavailable',
        message:
          'Temporal or the worker did not answer in time; the outcome is unknown. Retry with the same decisionId.',
      };
    }
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn(`database unavailable: ${(exception as Error).message}`);
      return {
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        error: 'Service Unavailable',
        message:
          'The database did not answer; the outcome is unknown. Retry shortly with the same decisionId or Idempotency-Key.',
      };
    }
    this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    return { statusCode: 500, error: 'Internal Server Error', message: 'internal error' };
  }
}

/**
 * Fastify refuses a body before any handler runs (not JSON, too large, an unknown media type):
 * its errors carry a 4xx statusCode and an FST_ code.
 */
function fastifyClientError(
  exception: unknown,
): { statusCode: number; message: string } | undefined {
  const { code, statusCode, message } = (exception ?? {}) as {
    code?: unknown;
    statusCode?: unknown;
    message?: unknown;
  };
  if (typeof code !== 'string' || !code.startsWith('FST_')) return undefined;
  if (typeof statusCode !== 'number' || statusCode < 400 || statusCode > 499) return undefined;
  return { statusCode, message: typeof message === 'string' ? message : code };
}

function httpStatusName(status: number): string {
  const name = HttpStatus[status];
  return typeof name === 'string'
    ? name
        .toLowerCase()
        .split('_')
        .map((word) => word[0].toUpperCase() + word.slice(1))
        .join(' ')
    : 'Error';
}
