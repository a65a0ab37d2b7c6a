import {
  isGrpcDeadlineError,
  isGrpcServiceError,
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Refusal } from '@app/domain';

/**
 * What the API makes of Temporal's errors, in one place and by their types (never by matching
 * their message text, which the server may reword).
 */

/** The workflow's validator (or handler) refused a decision with a typed ApplicationFailure. */
export function workflowRefusal(exception: unknown): Refusal | undefined {
  if (!(exception instanceof WorkflowUpdateFailedError)) return undefined;
  const cause = exception.cause;
  if (!(cause instanceof ApplicationFailure)) return undefined;
  if (cause.type !== 'WrongStage' && cause.type !== 'RuleRefused') return undefined;
  const detail = cause.details?.[0] as Partial<Refusal> | undefined;
  return {
    kind: cause.type,
    rule: detail?.rule ?? cause.type,
    ...(detail?.field ? { field: detail.field } : {}),
    message: cause.message,
  };
}

/** gRPC's NOT_FOUND status code (grpc-js is not a direct dependency of the API). */
const GRPC_NOT_FOUND = 5;

/** The server's failure of an Update accepted by a workflow that then completed without it. */
const UPDATE_OUTLIVED_WORKFLOW = 'AcceptedUpdateCompletedWorkflowFailure';

/**
 * The workflow is gone or already closed: Temporal no longer has it (NOT_FOUND, which the client
 * raises as WorkflowNotFoundError, also for "workflow execution already completed"), or it
 * completed while an accepted Update waited.
 */
export function isWorkflowClosedError(error: unknown): boolean {
  if (error instanceof WorkflowNotFoundError) return true;
  if (error instanceof WorkflowUpdateFailedError) {
    const cause = error.cause;
    return cause instanceof ApplicationFailure && cause.type === UPDATE_OUTLIVED_WORKFLOW;
  }
  if (error instanceof ServiceError && isGrpcServiceError(error.cause)) {
    return Number(error.cause.code) === GRPC_NOT_FOUND;
  }
  return false;
}

/** Temporal or the worker did not answer in time: the outcome is unknown. */
export function isTemporalUnavailable(exception: unknown): boolean {
  // The update was sent but no worker accepted it before the deadline.
  if (exception instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  if (isGrpcDeadlineError(exception)) return true;
  if (isGrpcServiceError(exception)) return true;
  const name = (exception as { name?: string } | null)?.name;
  return name === 'ServiceError' || name === 'AbortError';
}
