import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import en from './en.json';
import zhCN from './zh-CN.json';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));

function keysOf(node: unknown, prefix = ''): string[] {
  if (typeof node !== 'object' || node === null) return [prefix];
  return Object.entries(node).flatMap(([key, value]) =>
    keysOf(value, prefix ? `${prefix}.${key}` : key),
  );
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Every rule name the product refuses with: the domain's, the workflow's and the API's. */
function refusalRules(): string[] {
  const patterns = [
    /(?:ruleRefused|wrongStage)\(\s*'([a-z0-9-]+)'/g,
    /requiredRule(?::|\s*\?\?)\s*'([a-z0-9-]+)'/g,
    /\brule:\s*'([a-z0-9-]+)'/g,
  ];
  const roots = ['libs/domain/src', 'libs/workflows/src', 'apps/api/src', 'apps/worker/src'];
  const rules = new Set<string>();
  for (const file of roots.flatMap((root) => sourceFiles(join(repo, root)))) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern)) rules.add(match[1]);
    }
  }
  return [...rules].sort();
}

describe('translations', () => {
  it('have the same keys in Chinese and English, none empty', () => {
    expect(keysOf(en).sort()).toEqual(keysOf(zhCN).sort());
    for (const [language, file] of [
      ['en', en],
      ['zh-CN', zhCN],
    ] as const) {
      const empty = keysOf(file).filter((key) => {
        const value = key
          .split('.')
          .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], file);
        return typeof value !== 'string' || value.trim() === '';
      });
      expect({ language, empty }).toEqual({ language, empty: [] });
    }
  });

  it('give every rule the product can refuse with a message in both languages', () => {
    const rules = refusalRules();
    // The scan itself must find the rules, or this test would pass on nothing.
    expect(rules).toEqual(expect.arrayContaining(['uscc', 'ip-shares-sum', 'wrong-stage']));
    expect(rules.length).toBeGreaterThan(40);
    const missing = (messages: { rules: Record<string, string> }) =>
      rules.filter((rule) => !(rule in messages.rules));
    expect({ en: missing(en), zhCN: missing(zhCN) }).toEqual({ en: [], zhCN: [] });
  });
});
