import type { OpenAPIObject } from '@nestjs/swagger';
import { HANDLER_RESPONSES, RESPONSE_SCHEMAS } from '../openapi-responses';
import { IDEMPOTENCY_KEY } from '../projects/idempotency-key';

type Json = Record<string, unknown>;
type Handler = (typeof HANDLER_RESPONSES)[keyof typeof HANDLER_RESPONSES];

export const ERROR_SCHEMA = 'ApiError';
export const BEARER_SCHEME = 'bearer';

/** The one error body every 4xx and 5xx carries (ApiExceptionFilter). */
const API_ERROR: Json = {
  type: 'object',
  description:
    'Every refusal: the status, its name, a sentence for people, and where it applies the field and the rule that refused it (validation errors list each field as problems).',
  properties: {
    statusCode: { type: 'integer', minimum: 400, maximum: 599 },
    error: { type: 'string' },
    message: { type: 'string' },
    field: { type: 'string' },
    rule: { type: 'string' },
    problems: {
      type: 'array',
      items: {
        description:
          'A field and the rules it broke (validation, 400), or one domain rule it broke (422).',
        anyOf: [
          {
            type: 'object',
            properties: {
              field: { type: 'string' },
              rules: { type: 'array', items: { type: 'string' } },
            },
            required: ['field', 'rules'],
          },
          {
            type: 'object',
            properties: {
              field: { type: 'string' },
              rule: { type: 'string' },
              message: { type: 'string' },
            },
            required: ['rule', 'message'],
          },
        ],
      },
    },
  },
  required: ['statusCode', 'error', 'message'],
};

/** One run's history as Temporal's JSON (`?run=`): its events in order. */
const RAW_RUN_HISTORY = {
  type: 'object',
  description: "One run's event history in Temporal's JSON form.",
  properties: { events: { type: 'array', items: { type: 'object' } } },
  required: ['events'],
};

const ERROR_TEXT: Record<number, string> = {
  400: 'The request is malformed or a field breaks a rule (named in field/rule/problems).',
  401: 'No valid bearer token.',
  403: "The caller's role may not do this (reviewers read only).",
  404: 'No such resource, or not one the caller may see.',
  405: 'The path exists, the method does not.',
  409: 'The resource is not in a state that allows this (for example a closed project).',
  413: 'The body is larger than the limit.',
  414: 'A path parameter is longer than the router reads.',
  415: 'The body is not of a media type this route accepts.',
  422: 'A domain rule refused the request (named in rule).',
  429: 'Too many attempts: try again after the Retry-After seconds.',
  503: 'Temporal or PostgreSQL did not answer in time; the outcome is unknown, retry with the same id.',
};

/** Controllers whose handlers wait on Temporal (so may answer 503). */
const TEMPORAL_CONTROLLERS = new Set([
  'DecisionsController',
  'ProjectsController',
  'ProjectHistoryController',
  'MentorCandidatesController',
]);

/**
 * What some reads answer beyond the rest (by Swagger's "Controller_handler" id), each from its
 * service: a rule between fields or with the stored state (422, 409), a named project (404).
 */
const EXTRA_STATUSES: Record<string, number[]> = {
  AuditController_bundle: [404, 409, 422],
  AuditController_export: [422],
  MentorCandidatesController_candidates: [409],
  PortfolioController_portfolio: [422],
  ProjectsController_list: [422],
  ReportsController_portfolio: [422],
};

/** Path parameters that are uuids (checked by the services: a malformed one is a 404 or 400). */
const UUID_PARAMS = new Set(['projectId', 'mentorId', 'notificationId', 'documentId', 'id']);

function ref(name: string): Json {
  return { $ref: `#/components/schemas/${name}` };
}

/** "ProjectsController_submit" → "projectsSubmit": a name a generated client can use. */
export function operationName(controller: string, method: string): string {
  const owner = controller.replace(/Controller$/, '');
  return `${owner[0].toLowerCase()}${owner.slice(1)}${method[0].toUpperCase()}${method.slice(1)}`;
}

function successContent(handler: Handler, produces: Json | undefined): Json | undefined {
  const content: Json = {};
  if (handler.file) {
    for (const mediaType of Object.keys(produces ?? {})) {
      content[mediaType] = { schema: { type: 'string', format: 'binary' } };
    }
  }
  if ('json' in handler) {
    const schema = handler.json.list
      ? { type: 'array', items: ref(handler.json.schema) }
      : ref(handler.json.schema);
    content['application/json'] = {
      schema: handler.rawObject ? { anyOf: [schema, ref('RawRunHistory')] } : schema,
    };
  }
  if (handler.csv) {
    content['text/csv'] = { schema: { type: 'string', description: 'CSV with a header row' } };
  }
  return Object.keys(content).length > 0 ? content : undefined;
}

function errorStatuses(
  controller: string,
  method: string,
  handlerName: string,
  handler: Handler,
  operation: Json,
): number[] {
  const statuses = new Set<number>();
  const parameters = (operation.parameters as Json[] | undefined) ?? [];
  const hasBody = operation.requestBody !== undefined;
  // Every route: the edge refuses a header it reads (Authorization, Idempotency-Key) holding
  // NUL or non-ASCII before any handler, as it does a malformed query or body.
  statuses.add(400);
  if (!handler.public) statuses.add(401).add(403);
  if (parameters.some((p) => p.in === 'path') || controller === 'MentorProfileController') {
    statuses.add(404);
  }
  // Fastify's router refuses a path parameter past its maxParamLength.
  if (parameters.some((p) => p.in === 'path')) statuses.add(414);
  if (method !== 'get' && !handler.public) statuses.add(409).add(422);
  // Any body on a write: too large, or not of the route's media type (also on routes that
  // read none, where Fastify refuses a body it cannot parse).
  if (hasBody || method !== 'get') statuses.add(413).add(415);
  for (const status of EXTRA_STATUSES[`${controller}_${handlerName}`] ?? []) {
    statuses.add(status);
  }
  if (TEMPORAL_CONTROLLERS.has(controller)) statuses.add(503);
  if (controller === 'SessionsController' && method === 'post') statuses.add(429);
  // A sign-in with a wrong user name or password.
  if (/SessionsController$/.test(controller) && method === 'post') statuses.add(401);
  return [...statuses].sort();
}

/**
 * Lays what the code does over the document Swagger builds from the decorators: every handler's
 * success body (from its declared TypeScript type, see infra/build/openapi-responses.ts), the
 * error statuses it can answer with the one error body, the bearer scheme on every protected
 * operation, uuid path ids, the Idempotency-Key header, and operation ids usable as names.
 */
export function describeResponses(document: OpenAPIObject): OpenAPIObject {
  const schemas = (document.components ??= {}).schemas ?? {};
  document.components.schemas = {
    ...RESPONSE_SCHEMAS,
    ...schemas,
    [ERROR_SCHEMA]: API_ERROR,
    RawRunHistory: RAW_RUN_HISTORY,
  };
  document.components.securitySchemes = {
    [BEARER_SCHEME]: {
      type: 'http',
      scheme: 'bearer',
      description:
        'An opaque token: a session from POST /auth/sessions, or an API token an admin issued.',
    },
  };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, raw] of Object.entries(item as Json)) {
      const operation = raw as Json;
      const [controller, handlerName] = String(operation.operationId).split('_');
      const handler = (HANDLER_RESPONSES as Record<string, Handler>)[
        `${controller}.${handlerName}`
      ];
      if (!handler) throw new Error(`no declared response for ${method} ${path}`);
      describeOperation(path, method, controller, handlerName, handler, operation);
    }
  }
  return document;
}

function describeOperation(
  path: string,
  method: string,
  controller: string,
  handlerName: string,
  handler: Handler,
  operation: Json,
): void {
  operation.operationId = operationName(controller, handlerName);
  const responses = operation.responses as Record<string, Json>;
  const [success] = Object.keys(responses).filter((status) => status.startsWith('2'));
  const produces = responses[success]?.content as Json | undefined;
  const content = successContent(handler, produces);
  responses[success] = {
    description: responses[success]?.description || 'Done.',
    ...(content ? { content } : {}),
  };
  if (controller === 'HealthController' && handlerName === 'ready') {
    responses['503'] = {
      description: 'A dependency is down (named in message).',
      content: { 'application/json': { schema: ref('ReadinessAnswer') } },
    };
  }
  for (const status of errorStatuses(controller, method, handlerName, handler, operation)) {
    responses[String(status)] ??= {
      description: ERROR_TEXT[status],
      content: { 'application/json': { schema: ref(ERROR_SCHEMA) } },
    };
  }
  operation.security = handler.public ? [] : [{ [BEARER_SCHEME]: [] }];
  const parameters = (operation.parameters as Json[] | undefined) ?? [];
  for (const parameter of parameters) {
    if (parameter.in !== 'path') continue;
    const schema = (parameter.schema ??= { type: 'string' }) as Json;
    if (UUID_PARAMS.has(String(parameter.name))) schema.format = 'uuid';
    if (parameter.name === 'date') schema.format = 'date';
  }
  if (path === '/projects' && method === 'post') {
    parameters.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: true,
      description:
        'The client’s id of this submission: the same key with the same application answers the first result; with another application, 422.',
      schema: { type: 'string', minLength: 1, maxLength: 100, pattern: IDEMPOTENCY_KEY.source },
    });
  }
  operation.parameters = parameters;
}
