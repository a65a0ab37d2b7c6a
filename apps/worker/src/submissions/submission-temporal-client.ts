import { Client, Connection } from '@temporalio/client';
import { AppConfig } from '@app/config';

/** The reconciler's Temporal client; the Temporal worker has its own native connection. */
export const SUBMISSION_TEMPORAL_CLIENT = Symbol('SUBMISSION_TEMPORAL_CLIENT');

export function createSubmissionTemporalClient(config: AppConfig): Client {
  // Lazy: the worker boots while Temporal is away; a pass then fails and the next one retries.
  const connection = Connection.lazy({ address: config.TEMPORAL_ADDRESS });
  return new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
}
