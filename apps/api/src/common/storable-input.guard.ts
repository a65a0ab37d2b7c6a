import { BadRequestException } from '@nestjs/common';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { unstorableTextPaths } from '@app/domain';

/** Headers the API reads whose values are ASCII tokens (a bearer token, an idempotency key). */
const ASCII_HEADERS = ['authorization', 'idempotency-key'];
const VISIBLE_ASCII = /^[\x20-\x7E]*$/;

export interface InputProblem {
  field: string;
  rules: string[];
}

const STORABLE_RULE = 'must not contain U+0000 (NUL) or an unpaired UTF-16 surrogate';
const UTF8_RULE = 'must be percent-encoded UTF-8';

/** Fields are named as clients send them: a body path, a query or path parameter's name. */
function problemsIn(value: unknown): InputProblem[] {
  return unstorableTextPaths(value).map((path) => ({
    field: path || 'body',
    rules: [STORABLE_RULE],
  }));
}

function decodes(text: string): boolean {
  try {
    decodeURIComponent(text.replace(/\+/g, ' '));
    return true;
  } catch {
    return false;
  }
}

/**
 * Query values whose percent-encoding is not UTF-8 (e.g. `%ED%A0%80`, a lone surrogate):
 * the query parser would quietly turn them into U+FFFD, so they are refused instead.
 */
function malformedQueryParameters(url: string): InputProblem[] {
  const query = url.split('#')[0].split('?').slice(1).join('?');
  if (query === '') return [];
  return query.split('&').flatMap((pair) => {
    const [rawKey, ...rest] = pair.split('=');
    if (decodes(rawKey) && decodes(rest.join('='))) return [];
    const key = decodes(rawKey) ? decodeURIComponent(rawKey.replace(/\+/g, ' ')) : rawKey;
    return [{ field: key, rules: [UTF8_RULE] }];
  });
}

function headerProblems(request: FastifyRequest): InputProblem[] {
  const problems: InputProblem[] = [];
  // Runs on every request (P0): a plain loop, and the field's name spelled only when it is bad.
  const headers = request.headers;
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    const bad = values.some(
      (text) =>
        text.includes('\u0000') || (ASCII_HEADERS.includes(name) && !VISIBLE_ASCII.test(text)),
    );
    if (!bad) continue;
    // Named as the API's docs spell them: Idempotency-Key, Authorization.
    const field = name.replace(
      /(^|-)([a-z])/g,
      (_, dash: string, c: string) => dash + c.toUpperCase(),
    );
    problems.push({ field, rules: ['must be visible ASCII without NUL'] });
  }
  return problems;
}

/** The 400 every unstorable or undecodable field gets, naming each one. */
export function unstorableInputException(problems: InputProblem[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: problems.map((problem) => `${problem.field} ${problem.rules.join('; ')}`).join('; '),
    field: problems[0].field,
    rule: 'storable-text',
    problems,
  });
}

const PARAMETER = /^:([A-Za-z0-9_]+)$/;

/** The route parameter a path's undecodable segment stands in, from the routes' patterns. */
function parameterAt(routes: readonly string[], path: string): string | undefined {
  const segments = path.split('/');
  const bad = segments.findIndex((segment) => !decodes(segment));
  if (bad < 0) return undefined;
  for (const route of routes) {
    const pattern = route.split('/');
    if (pattern.length !== segments.length) continue;
    const name = PARAMETER.exec(pattern[bad] ?? '')?.[1];
    const fits = pattern.every(
      (part, i) => i === bad || PARAMETER.test(part) || part === segments[i],
    );
    if (name && fits) return name;
  }
  return undefined;
}

function reply400(reply: FastifyReply, problems: InputProblem[]): FastifyReply {
  return reply.code(400).send(unstorableInputException(problems).getResponse());
}

/**
 * Refuses, before authentication and every pipe, every string PostgreSQL could not store or
 * the query parser would mangle: in the body at any depth (keys too), the query, the path
 * parameters and the headers the API reads. One hook for every route, so no DTO can forget it;
 * the 400 names each field, as the validation pipe does. Installed by configureApp; Fastify
 * runs it after the body was parsed and the route matched.
 */
export function refuseUnstorableInput(fastify: FastifyInstance): void {
  // Callback-style, not async: no promise per request (P0); a refusal answers without done().
  fastify.addHook('preValidation', (request, reply, done) => {
    const problems = [
      ...problemsIn(request.body),
      ...problemsIn(request.query),
      ...malformedQueryParameters(request.url),
      ...problemsIn(request.params),
      ...headerProblems(request),
    ];
    if (problems.length > 0) {
      reply400(reply, problems);
      return;
    }
    done();
  });
}

/** Keeps the routes' URL patterns as Fastify registers them, for naming a bad path parameter. */
export function collectRoutePatterns(fastify: FastifyInstance, into: string[]): void {
  fastify.addHook('onRoute', (route) => {
    into.push(route.url);
  });
}

/**
 * Fastify's router refuses a path segment whose percent-encoding is not UTF-8 before any hook
 * (FST_ERR_BAD_URL, naming no parameter): this answers it like every other bad field, naming
 * the route parameter it would have been. Other framework errors keep Fastify's answer.
 */
export function answerBadUrl(routes: readonly string[]) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    if (error.code !== 'FST_ERR_BAD_URL') {
      void reply.code(error.statusCode ?? 400).send({
        statusCode: error.statusCode ?? 400,
        error: 'Bad Request',
        message: error.message,
      });
      return;
    }
    const path = request.url.split(/[?#]/)[0];
    const field = parameterAt(routes, path) ?? 'path';
    void reply400(reply, [{ field, rules: [UTF8_RULE] }]);
  };
}
