import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../../infra/dev/repo-root';

interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  maxLength?: number;
  enum?: unknown[];
  format?: string;
  pattern?: string;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>
  >;
  components: { schemas: Record<string, Schema> };
}

/** One string field of a request body, as the OpenAPI document declares it. */
export interface StringField {
  /** Its path in the body: `title`, `summaries.market`, `teamMembers[].name`. */
  path: string;
  maxLength?: number;
  /**
   * Free text: no enum, format or pattern beyond "not blank" (`\S`), so any storable
   * character may be in it; the other strings are ids, dates and codes.
   */
  free: boolean;
}

let loaded: OpenApiDocument | undefined;

/** The committed OpenAPI document (generated from the DTOs by `npm run openapi`). */
function openApi(): OpenApiDocument {
  loaded ??= JSON.parse(
    readFileSync(join(repoRoot(), 'apps/api/openapi.json'), 'utf8'),
  ) as OpenApiDocument;
  return loaded;
}

function resolve(schema: Schema): Schema {
  if (!schema.$ref) return schema;
  return resolve(openApi().components.schemas[schema.$ref.split('/').pop()!]);
}

function stringsOf(schema: Schema, path: string): StringField[] {
  const resolved = resolve(schema);
  if (resolved.type === 'object' || resolved.properties) {
    return Object.entries(resolved.properties ?? {}).flatMap(([name, property]) =>
      stringsOf(property, path ? `${path}.${name}` : name),
    );
  }
  if (resolved.type === 'array' && resolved.items) return stringsOf(resolved.items, `${path}[]`);
  if (resolved.type !== 'string') return [];
  const constrained =
    resolved.enum !== undefined ||
    resolved.format !== undefined ||
    (resolved.pattern !== undefined && resolved.pattern !== '\\S');
  return [{ path, maxLength: resolved.maxLength, free: !constrained }];
}

/** The JSON operations under `prefix` (e.g. `/projects/{projectId}/`), as `POST <path>`. */
export function jsonOperations(method: string, prefix: string): string[] {
  return Object.entries(openApi().paths).flatMap(([path, operations]) =>
    path.startsWith(prefix) && operations[method]?.requestBody?.content?.['application/json']
      ? [path]
      : [],
  );
}

/** Every string field of the JSON body of `method path` (an OpenAPI path, `{projectId}`). */
export function stringFieldsOf(method: string, path: string): StringField[] {
  const schema =
    openApi().paths[path]?.[method]?.requestBody?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`the OpenAPI document has no JSON body for ${method} ${path}`);
  return stringsOf(schema, '');
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * `body` with `text` at the field's path (every element of an array path), or what `text`
 * makes of each value there; a missing optional field or an empty array is created, so every
 * declared field is reached.
 */
export function withString(
  body: Json,
  path: string,
  text: string | ((original: Json | undefined) => string),
): Json {
  const make = typeof text === 'string' ? () => text : text;
  const [head, ...rest] = path.split('.');
  const isArray = head.endsWith('[]');
  const key = isArray ? head.slice(0, -2) : head;
  const object = (body && typeof body === 'object' && !Array.isArray(body) ? body : {}) as Record<
    string,
    Json
  >;
  const current = object[key];
  let value: Json;
  if (isArray) {
    const items = Array.isArray(current) && current.length > 0 ? current : [rest.length ? {} : ''];
    value = items.map((item) =>
      rest.length ? withString(item, rest.join('.'), make) : make(item === '' ? undefined : item),
    );
  } else {
    value = rest.length ? withString(current ?? {}, rest.join('.'), make) : make(current);
  }
  return { ...object, [key]: value };
}
