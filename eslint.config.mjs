// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Modules no code in libs/domain may import: it must run in the workflow sandbox and the API. */
const IMPURE_MODULES = [
  {
    group: [
      '@nestjs/*',
      'typeorm',
      'typeorm/*',
      'pg',
      '@temporalio/worker',
      '@temporalio/client',
      '@temporalio/activity',
    ],
    message:
      'libs/domain is pure TypeScript: no Nest, TypeORM, PostgreSQL or Temporal worker/client code.',
  },
];
const NODE_BUILTINS = [
  'fs',
  'path',
  'crypto',
  'os',
  'child_process',
  'http',
  'https',
  'net',
  'process',
  'util',
  'stream',
  'buffer',
  'events',
  'url',
  'zlib',
  'worker_threads',
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.data/**',
      'coverage/**',
      'eslint.config.mjs',
      'jest.config.js',
      'test/fixtures/**',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          // The import-boundary test lints throw-away probe files that no tsconfig includes.
          allowDefaultProject: ['libs/*/src/lint-probe-*.ts'],
          maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 16,
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NODE_BUILTINS.flatMap((name) => [
            { name, message: 'libs/domain runs in the workflow sandbox: no Node built-ins.' },
            {
              name: `node:${name}`,
              message: 'libs/domain runs in the workflow sandbox: no Node built-ins.',
            },
          ]),
          patterns: [
            ...IMPURE_MODULES,
            { group: ['@app/*', '!@app/domain'], message: 'libs/domain imports only itself.' },
          ],
        },
      ],
    },
  },
  {
    // Workflow code is deterministic sandbox code: only the workflow SDK, common types, the
    // domain and *type* imports of activity interfaces.
    files: ['libs/workflows/**/*.ts'],
    ignores: ['libs/workflows/**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex:
                '^(?!@temporalio/workflow$|@temporalio/common($|/)|@app/domain($|/)|\\.{1,2}/)',
              message:
                'libs/workflows may import only @temporalio/workflow, @temporalio/common, @app/domain and its own files.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
