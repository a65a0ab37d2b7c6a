import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createGenerator, Definition } from 'ts-json-schema-generator';
import ts from 'typescript';
import type { DecisionType } from '@app/domain';
import { decisionRoles } from '../../apps/api/src/decisions/decision-roles';
import { repoRoot } from '../dev/repo-root';

export const OPENAPI_RESPONSES_FILE = 'openapi-responses.ts';

/** `@DecisionEndpoint(path, type)`: a POST answering the decision's result (decision-endpoint.ts). */
const DECISION_ENDPOINT = 'DecisionEndpoint';
const HTTP_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', DECISION_ENDPOINT]);

/** What one handler answers on success, read from its declared return type. */
export interface HandlerResponse {
  /** A named type's schema in `schemas`, or a list of it. */
  json?: { schema: string; list: boolean };
  /** The handler may answer a CSV text instead (`… | string`). */
  csv: boolean;
  /** A downloaded file (StreamableFile). */
  file: boolean;
  /** The raw Temporal history of one run (`… | object`): a JSON object of Temporal's shape. */
  rawObject: boolean;
  /** @Public(): answered without a token. */
  public: boolean;
  /** The roles its @Roles admits (none: any signed-in caller). */
  roles: string[];
}

function controllerFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.controller.ts'))
    .map((file) => join(dir, file));
}

function decoratorName(decorator: ts.Decorator): string | undefined {
  const call = decorator.expression;
  return ts.isCallExpression(call) && ts.isIdentifier(call.expression)
    ? call.expression.text
    : undefined;
}

function decoratorArgs(decorators: readonly ts.Decorator[], name: string): string[] | undefined {
  const found = decorators.find((d) => decoratorName(d) === name);
  if (!found || !ts.isCallExpression(found.expression)) return undefined;
  return found.expression.arguments.flatMap((arg) => (ts.isStringLiteral(arg) ? [arg.text] : []));
}

function readReturnType(
  node: ts.TypeNode,
  where: string,
): Omit<HandlerResponse, 'public' | 'roles'> {
  const response: Omit<HandlerResponse, 'public' | 'roles'> = {
    csv: false,
    file: false,
    rawObject: false,
  };
  let type = node;
  if (ts.isTypeReferenceNode(type) && type.typeName.getText() === 'Promise') {
    type = type.typeArguments?.[0] ?? type;
  }
  const members = ts.isUnionTypeNode(type) ? type.types : [type];
  for (const member of members) {
    if (member.kind === ts.SyntaxKind.StringKeyword) response.csv = true;
    else if (member.kind === ts.SyntaxKind.ObjectKeyword) response.rawObject = true;
    else if (member.kind === ts.SyntaxKind.VoidKeyword) continue;
    else if (ts.isArrayTypeNode(member) && ts.isTypeReferenceNode(member.elementType)) {
      response.json = { schema: member.elementType.typeName.getText(), list: true };
    } else if (ts.isTypeReferenceNode(member)) {
      const name = member.typeName.getText();
      if (name === 'StreamableFile') response.file = true;
      else response.json = { schema: name, list: false };
    } else {
      throw new Error(
        `${where}: declare the return type as a named type (got "${member.getText()}"), so the OpenAPI document can describe it`,
      );
    }
  }
  return response;
}

/** A decision's endpoint answers its DecisionResult, to the roles of its permission. */
function decisionHandler(type: DecisionType): HandlerResponse {
  return {
    csv: false,
    file: false,
    rawObject: false,
    json: { schema: 'DecisionResult', list: false },
    public: false,
    roles: decisionRoles(type),
  };
}

/** Every handler's declared response, keyed `Controller.method`. */
export function readHandlerResponses(files: string[]): Record<string, HandlerResponse> {
  const handlers: Record<string, HandlerResponse> = {};
  for (const file of files) {
    const source = ts.createSourceFile(
      file,
      readFileSync(file, 'utf8'),
      ts.ScriptTarget.Latest,
      true,
    );
    source.forEachChild((node) => {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const controller = node.name.text;
      const classDecorators = ts.getDecorators(node) ?? [];
      for (const member of node.members) {
        if (!ts.isMethodDeclaration(member) || !ts.isIdentifier(member.name)) continue;
        const decorators = ts.getDecorators(member) ?? [];
        if (!decorators.some((d) => HTTP_DECORATORS.has(decoratorName(d) ?? ''))) continue;
        const where = `${relative(repoRoot(), file)} ${controller}.${member.name.text}`;
        const decision = decoratorArgs(decorators, DECISION_ENDPOINT)?.[1] as DecisionType;
        if (decision !== undefined && !member.type) {
          handlers[`${controller}.${member.name.text}`] = decisionHandler(decision);
          continue;
        }
        if (!member.type) throw new Error(`${where}: declare the handler's return type`);
        handlers[`${controller}.${member.name.text}`] = {
          ...readReturnType(member.type, where),
          public: [...decorators, ...classDecorators].some((d) => decoratorName(d) === 'Public'),
          roles:
            decoratorArgs(decorators, 'Roles') ?? decoratorArgs(classDecorators, 'Roles') ?? [],
        };
      }
    });
  }
  return handlers;
}

/** JSON Schema (2020-12, as OpenAPI 3.1 reads it) of each named response type. */
function responseSchemas(names: string[]): Record<string, Definition> {
  const root = repoRoot();
  const generator = createGenerator({
    path: join(root, 'apps/api/src/**/*.ts'),
    tsconfig: join(root, 'apps/api/tsconfig.app.json'),
    skipTypeCheck: true,
    expose: 'export',
    topRef: false,
    jsDoc: 'basic',
    // Answers may carry more than the type names (the schema says what is always there).
    additionalProperties: true,
  });
  const schemas: Record<string, Definition> = {};
  for (const name of [...new Set(names)].sort()) {
    const { definitions = {}, ...own } = generator.createSchema(name);
    delete own.$schema;
    schemas[name] = own;
    for (const [key, value] of Object.entries(definitions)) {
      if (typeof value === 'object') schemas[key] = value;
    }
  }
  return JSON.parse(
    JSON.stringify(schemas).replaceAll('"#/definitions/', '"#/components/schemas/'),
  ) as Record<string, Definition>;
}

/**
 * `npm run openapi`, step 2: the response schemas of every handler, from the TypeScript types the
 * controllers declare (interfaces the Swagger plugin cannot read), into `apps/api/src` (or the
 * folder given, which the drift test uses). configureApp's document lays them over Swagger's.
 */
export function generateOpenApiResponses(outputDir = join(repoRoot(), 'apps/api/src')): void {
  const handlers = readHandlerResponses(controllerFiles(join(repoRoot(), 'apps/api/src')));
  const names = Object.values(handlers).flatMap((h) => (h.json ? [h.json.schema] : []));
  const schemas = responseSchemas(names);
  const sortedHandlers = Object.fromEntries(
    Object.entries(handlers).sort(([a], [b]) => a.localeCompare(b)),
  );
  const body = [
    '// Generated by `npm run openapi` (infra/build/openapi-responses.ts) from the controllers',
    '// declared return types. Do not edit: a test fails when it drifts from the sources.',
    `export const HANDLER_RESPONSES = ${JSON.stringify(sortedHandlers, null, 2)} as const;`,
    '',
    `export const RESPONSE_SCHEMAS: Record<string, object> = ${JSON.stringify(schemas, null, 2)};`,
    '',
  ].join('\n');
  writeFileSync(join(outputDir, OPENAPI_RESPONSES_FILE), body);
}
