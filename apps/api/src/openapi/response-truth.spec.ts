import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';

/**
 * The committed OpenAPI document (the openapi e2e test holds it to what the API serves) describes
 * every success body, so a client generated from it knows what it gets.
 */
const ROOT = join(__dirname, '../../../..');
const DOCUMENT_PATH = join(ROOT, 'apps/api/openapi.json');

type Json = Record<string, unknown>;
const document = JSON.parse(readFileSync(DOCUMENT_PATH, 'utf8')) as {
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Json> };
};

function resolve(schema: Json): Json {
  const ref = schema.$ref;
  if (typeof ref !== 'string') return schema;
  return resolve(document.components.schemas[ref.replace('#/components/schemas/', '')] ?? {});
}

/** Why a success body's schema says too little, or undefined when it has properties and required. */
function vagueness(schema: Json, where: string): string[] {
  const own = resolve(schema);
  for (const key of ['anyOf', 'oneOf'] as const) {
    if (Array.isArray(own[key])) {
      return (own[key] as Json[]).flatMap((member, i) => vagueness(member, `${where}|${i}`));
    }
  }
  if (own.type === 'array') return vagueness((own.items ?? {}) as Json, `${where}[]`);
  const properties = own.properties as Json | undefined;
  const required = own.required as unknown[] | undefined;
  if (!properties || Object.keys(properties).length === 0 || !required || required.length === 0) {
    return [`${where}: ${JSON.stringify(own).slice(0, 120)}`];
  }
  return [];
}

function successes(): { where: string; mediaType: string; schema: Json }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).flatMap(([method, operation]) =>
      Object.entries(operation.responses as Record<string, Json>)
        .filter(([status]) => status.startsWith('2'))
        .flatMap(([status, response]) =>
          Object.entries((response.content ?? {}) as Record<string, { schema: Json }>).map(
            ([mediaType, { schema }]) => ({
              where: `${method.toUpperCase()} ${path} ${status} ${mediaType}`,
              mediaType,
              schema,
            }),
          ),
        ),
    ),
  );
}

describe('the OpenAPI document describes every success body', () => {
  it('gives every 2xx JSON body properties and required, and declares files and CSV', () => {
    const all = successes();
    expect(all.length).toBeGreaterThan(60);
    const vague = all.flatMap(({ where, mediaType, schema }) => {
      if (mediaType === 'application/json') return vagueness(schema, where);
      if (mediaType === 'text/csv') return schema.type === 'string' ? [] : [where];
      return schema.format === 'binary' ? [] : [`${where}: not a declared file`];
    });
    expect(vague).toEqual([]);
    expect(all.filter((s) => s.mediaType === 'text/csv').map((s) => s.where)).toEqual([
      'GET /projects/{projectId}/timeline 200 text/csv',
      'GET /audit/export 200 text/csv',
      'GET /portfolio 200 text/csv',
    ]);
  });

  it('generates TypeScript (openapi-typescript) with no unknown or empty 2xx body', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'openapi-ts-')), 'api.d.ts');
    const run = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules/openapi-typescript/bin/cli.js'), DOCUMENT_PATH, '-o', out],
      { encoding: 'utf8' },
    );
    expect(run.status).toBe(0);
    const source = ts.createSourceFile(
      out,
      readFileSync(out, 'utf8'),
      ts.ScriptTarget.Latest,
      true,
    );
    const interfaces = new Map<string, ts.InterfaceDeclaration>();
    source.forEachChild((node) => {
      if (ts.isInterfaceDeclaration(node)) interfaces.set(node.name.text, node);
    });
    const member = (type: ts.TypeNode | undefined, name: string): ts.TypeNode | undefined => {
      if (!type || !ts.isTypeLiteralNode(type)) return undefined;
      const found = type.members.find(
        (m): m is ts.PropertySignature =>
          ts.isPropertySignature(m) && m.name.getText().replace(/"/g, '') === name,
      );
      return found?.type;
    };
    const schemasNode = interfaces
      .get('components')
      ?.members.find((m): m is ts.PropertySignature => m.name?.getText() === 'schemas')?.type;
    /** The text of a body type, with components["schemas"]["X"] (and X[]) looked up. */
    const bodyText = (type: ts.TypeNode): string => {
      const text = type.getText().replace(/\[\]$/, '');
      const named = /^components\["schemas"\]\["(\w+)"\]$/.exec(text);
      return named ? (member(schemasNode, named[1])?.getText() ?? 'missing') : text;
    };
    const operations = interfaces.get('operations');
    expect(operations?.members.length).toBeGreaterThan(60);
    const vague: string[] = [];
    for (const operation of operations?.members ?? []) {
      if (!ts.isPropertySignature(operation)) continue;
      const responses = member(operation.type, 'responses');
      if (!responses || !ts.isTypeLiteralNode(responses)) {
        vague.push(`${operation.name.getText()}: no responses`);
        continue;
      }
      for (const response of responses.members) {
        if (!ts.isPropertySignature(response) || !/^2\d\d$/.test(response.name.getText())) continue;
        const content = member(response.type, 'content');
        if (!content || !ts.isTypeLiteralNode(content)) continue; // 204: no body
        for (const body of content.members) {
          if (!ts.isPropertySignature(body) || !body.type) continue;
          const text = bodyText(body.type);
          if (/^(unknown|Record<string, never>|\{\s*\[key: string\]: unknown;?\s*\})$/.test(text)) {
            vague.push(`${operation.name.getText()} ${response.name.getText()}: ${text}`);
          }
        }
      }
    }
    expect(vague).toEqual([]);
  }, 60_000);
});
