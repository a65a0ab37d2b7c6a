import { BadRequestException, CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
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

function headerProblems(request: Request): InputProblem[] {
  return Object.entries(request.headers).flatMap(([name, value]) => {
    const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
    const bad = values.some(
      (text) =>
        text.includes('\u0000') || (ASCII_HEADERS.includes(name) && !VISIBLE_ASCII.test(text)),
    );
    // Named as the API's docs spell them: Idempotency-Key, Authorization.
    const field = name.replace(
      /(^|-)([a-z])/g,
      (_, dash: string, c: string) => dash + c.toUpperCase(),
    );
    return bad ? [{ field, rules: ['must be visible ASCII without NUL'] }] : [];
  });
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

interface RouteLayer {
  route?: unknown;
  match(path: string): false | { params: Record<string, string> };
}

const PLACEHOLDER = 'undecodable-path-segment';

/**
 * A path segment whose percent-encoding is not UTF-8 makes the router fail before any handler
 * (with a message naming no parameter): this finds which route parameter it would have been.
 */
function undecodablePathParameters(request: Request): InputProblem[] {
  const path = (request.originalUrl ?? request.url).split(/[?#]/)[0];
  const segments = path.split('/');
  const bad = segments.findIndex((segment) => !decodes(segment));
  if (bad < 0) return [];
  const probe = segments.map((segment, i) => (i === bad ? PLACEHOLDER : segment)).join('/');
  const router = (request.app as unknown as { router?: { stack?: RouteLayer[] } }).router;
  for (const layer of router?.stack ?? []) {
    if (!layer.route) continue;
    const matched = layer.match(probe);
    const name = matched
      ? Object.entries(matched.params).find(([, value]) => value === PLACEHOLDER)?.[0]
      : undefined;
    if (name) return [{ field: name, rules: [UTF8_RULE] }];
  }
  return [{ field: 'path', rules: [UTF8_RULE] }];
}

/**
 * Refuses, before authentication and every pipe, every string PostgreSQL could not store or
 * the query parser would mangle: in the body at any depth (keys too), the query and the
 * headers the API reads. One middleware for every route, so no DTO can forget it; the 400
 * names each field, as the validation pipe does. Installed by configureApp after the JSON
 * body parser.
 */
export function refuseUnstorableInput(
  request: Request,
  response: Response,
  next: NextFunction,
): void {
  const problems = [
    ...problemsIn(request.body as unknown),
    ...problemsIn(request.query),
    ...malformedQueryParameters(request.originalUrl ?? request.url),
    ...undecodablePathParameters(request),
    ...headerProblems(request),
  ];
  if (problems.length === 0) return next();
  response.status(400).json(unstorableInputException(problems).getResponse());
}

/**
 * Path parameters are known only once a route matched: this guard checks them, and the body
 * again for parsers that run after the middleware (e.g. URL-encoded forms).
 */
@Injectable()
export class StorablePathGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    const problems = [...problemsIn(request.params), ...problemsIn(request.body as unknown)];
    if (problems.length === 0) return true;
    throw unstorableInputException(problems);
  }
}
