import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Failure messages and stack traces go into the failure's encoded attributes, which the payload
 * codec encrypts like any payload: a refusal's message can name a person or a company. Loaded by
 * path (`failureConverterPath`) into the workflow bundle, the worker, the clients and replays.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
