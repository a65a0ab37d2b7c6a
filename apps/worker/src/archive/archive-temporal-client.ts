import { Client, Connection } from '@temporalio/client';
import { AppConfig } from '@app/config';
import { temporalConnectionOptions, temporalDataConverter } from '@app/temporal-connection';

/** The sweeper's Temporal client; the Temporal worker has its own native connection. */
export const ARCHIVE_TEMPORAL_CLIENT = Symbol('ARCHIVE_TEMPORAL_CLIENT');

export function createArchiveTemporalClient(config: AppConfig): Client {
  // Lazy: the worker boots while Temporal is away; a sweep then fails and the next one retries.
  const connection = Connection.lazy(temporalConnectionOptions(config));
  // Histories are archived as fetched: payloads stay encrypted with the key that wrote them.
  return new Client({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    dataConverter: temporalDataConverter(config),
  });
}
