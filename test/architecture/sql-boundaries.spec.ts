import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from '../../infra/dev/repo-root';

/** SQL run on a connection: `.query('…')`/`.query<T>(`…`)`, or any `.query` of a DataSource or manager. */
const SQL_CALL = [
  /\.query\s*(<(?:[^<>]|<[^<>]*>)*>)?\s*\(\s*['"`]/,
  /\b(dataSource|manager|entityManager|queryRunner|connection)\s*\??\.\s*query\b/,
];
/** An import (static, dynamic or require) of the workflows library. */
const WORKFLOWS_IMPORT =
  /(from\s+|import\s*\(\s*|require\s*\(\s*)['"](@app\/workflows|(\.\.\/)+(libs\/)?workflows)(\/[^'"]*)?['"]/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'))
    .map((file) => join(dir, file));
}

function offending(files: string[], patterns: RegExp[]): string[] {
  const root = repoRoot();
  return files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, index) =>
        patterns.some((pattern) => pattern.test(line))
          ? [`${relative(root, file)}:${index + 1}: ${line.trim()}`]
          : [],
      ),
  );
}

/**
 * SQL lives in libs/persistence: API services call its repositories, never a connection's
 * `query` (a Temporal workflow handle's `.query(stateQuery)` is no SQL and passes). And
 * libs/persistence stands below the workflows: what it stores is typed by libs/domain.
 */
describe('SQL boundaries', () => {
  it('recognises SQL calls, and only those', () => {
    const sql = [
      "await this.dataSource.query('SELECT 1')",
      'const rows = await manager.query<{ id: string }[]>(`SELECT id FROM users`, [])',
      "this.tokens.query('SELECT * FROM auth_tokens')",
      'await dataSource.query(sql, params)',
    ];
    const notSql = ['client.workflow.getHandle(id).query(stateQuery)', 'const q = query.q;'];
    for (const line of sql) expect(SQL_CALL.some((pattern) => pattern.test(line))).toBe(true);
    for (const line of notSql) expect(SQL_CALL.some((pattern) => pattern.test(line))).toBe(false);
  });

  it('no API source runs SQL itself', () => {
    expect(offending(sourceFiles(join(repoRoot(), 'apps/api/src')), SQL_CALL)).toEqual([]);
  });

  it('recognises imports of the workflows library', () => {
    expect(WORKFLOWS_IMPORT.test("import type { X } from '@app/workflows/activities.types';")).toBe(
      true,
    );
    expect(WORKFLOWS_IMPORT.test("import { y } from '../../workflows/src/y';")).toBe(true);
    expect(WORKFLOWS_IMPORT.test("import { ProjectSnapshot } from '@app/domain';")).toBe(false);
  });

  it('libs/persistence imports nothing from libs/workflows', () => {
    const files = sourceFiles(join(repoRoot(), 'libs/persistence/src'));
    expect(files.length).toBeGreaterThan(0);
    expect(offending(files, [WORKFLOWS_IMPORT])).toEqual([]);
  });
});
