/**
 * Four tiers, each runnable alone (`npm run test:unit|test:db|test:e2e|test:browser`); `npm test` runs them all.
 * - unit: no I/O beyond reading fixture files (engine, sweep, datasets, the CLI's pure parts, the dashboard's logic);
 * - db: the server's services on real SQLite databases with the real migrations;
 * - e2e: a real server, real worker threads and processes, the compiled CLI (needs `npm run build`), the bench's
 *   /proc readers;
 * - browser: the dashboard in headless Chromium (needs `npm run build` and Debian's chromium);
 * - distributed: servers, CLIs and workers on PostgreSQL (and Redis); fails, never skips, when they are missing.
 */
const base = {
  testEnvironment: 'node',
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: { isolatedModules: true }, diagnostics: false }] },
  moduleNameMapper: {
    '^@regsweep/(engine|sweep|datasets|errors|models)$': '<rootDir>/libs/$1/src',
    '^@regsweep/(engine|sweep|datasets|errors|models)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/apps/dashboard/src/'],
};

const tier = (displayName, testMatch, extra = {}) => ({ ...base, displayName, testMatch, ...extra });

module.exports = {
  testTimeout: 60000,
  projects: [
    tier(
      'unit',
      [
        '<rootDir>/libs/*/test/**/*.spec.ts',
        '<rootDir>/apps/cli/test/**/*.spec.ts',
        '<rootDir>/test/dashboard/*.spec.ts',
      ],
      {
        testPathIgnorePatterns: [
          ...base.testPathIgnorePatterns,
          '\\.e2e-spec\\.ts$',
          '<rootDir>/apps/cli/test/fit.command.spec.ts',
        ],
      },
    ),
    tier('db', ['<rootDir>/apps/server/test/**/*.spec.ts']),
    tier('e2e', [
      '<rootDir>/test/*.e2e-spec.ts',
      '<rootDir>/apps/cli/test/fit.command.spec.ts',
      '<rootDir>/bench/test/*.e2e-spec.ts',
    ]),
    tier('browser', ['<rootDir>/test/dashboard/*.e2e-spec.ts']),
    tier('distributed', ['<rootDir>/test/distributed/*.e2e-spec.ts']),
  ],
};
