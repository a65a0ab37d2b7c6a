import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../infra/dev/repo-root';

interface LintResult {
  filePath: string;
  messages: { ruleId: string | null; message: string }[];
}

const REFUSED_IN_WORKFLOWS = [
  "import { readFileSync } from 'fs';\nexport const x = readFileSync;\n",
  "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n",
  "import { DataSource } from 'typeorm';\nexport const x = DataSource;\n",
  "import { Worker } from '@temporalio/worker';\nexport const x = Worker;\n",
];
const ALLOWED_IN_WORKFLOWS = [
  "import { sleep } from '@temporalio/workflow';",
  "import type { DataSource } from 'typeorm';",
  "import { Stage } from '@app/domain';",
  'export type T = DataSource;',
  'export const x = [sleep, Stage];',
  '',
].join('\n');
const REFUSED_IN_DOMAIN = [
  "import { createHash } from 'node:crypto';\nexport const x = createHash;\n",
  "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n",
  "import { DataSource } from 'typeorm';\nexport const x = DataSource;\n",
];

/**
 * The sandbox boundary is enforced by ESLint, not by good intentions: a workflow or domain file
 * importing Node, Nest or TypeORM code must be refused by the project's own lint config.
 */
describe('import boundaries', () => {
  const root = repoRoot();
  const probes = new Map<string, string>();
  const restrictedImportMessages = new Map<string, string[]>();

  function probe(folder: string, index: number, source: string): string {
    const file = join(root, folder, `lint-probe-${process.pid}-${index}.ts`);
    probes.set(file, source);
    return file;
  }

  const workflowFiles = REFUSED_IN_WORKFLOWS.map((source, i) =>
    probe('libs/workflows/src', i, source),
  );
  const allowedFile = probe('libs/workflows/src', 99, ALLOWED_IN_WORKFLOWS);
  const domainFiles = REFUSED_IN_DOMAIN.map((source, i) => probe('libs/domain/src', i, source));

  beforeAll(() => {
    for (const [file, source] of probes) writeFileSync(file, source);
    try {
      // ESLint runs as its own process (once, for every probe): it loads the flat config with a
      // dynamic import, which Jest's module sandbox refuses.
      const run = spawnSync(
        join(root, 'node_modules/.bin/eslint'),
        ['--format', 'json', '--no-warn-ignored', ...probes.keys()],
        { cwd: root, encoding: 'utf8' },
      );
      for (const result of JSON.parse(run.stdout) as LintResult[]) {
        restrictedImportMessages.set(
          result.filePath,
          result.messages
            .filter((message) => /no-restricted-imports/.test(message.ruleId ?? ''))
            .map((message) => message.message),
        );
      }
    } finally {
      for (const file of probes.keys()) rmSync(file, { force: true });
    }
  });

  it.each(workflowFiles.map((file, i) => [REFUSED_IN_WORKFLOWS[i].split('\n')[0], file]))(
    'refuses in libs/workflows: %s',
    (_source, file) => {
      const problems = restrictedImportMessages.get(file) ?? [];
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/libs\/workflows may import only/);
    },
  );

  it('allows the workflow SDK, the domain and a type-only import of anything', () => {
    expect(restrictedImportMessages.get(allowedFile)).toEqual([]);
  });

  it.each(domainFiles.map((file, i) => [REFUSED_IN_DOMAIN[i].split('\n')[0], file]))(
    'refuses in libs/domain: %s',
    (_source, file) => {
      expect(restrictedImportMessages.get(file)).toHaveLength(1);
    },
  );
});
