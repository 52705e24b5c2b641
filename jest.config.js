/** Unit tests live beside the code they test (libs/<name>/test, apps/<name>/test); the real-SQLite/HTTP tier lives in test/. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/apps/dashboard/src/'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: { isolatedModules: true }, diagnostics: false }] },
  moduleNameMapper: {
    '^@regsweep/(engine|sweep|datasets|errors)$': '<rootDir>/libs/$1/src',
    '^@regsweep/(engine|sweep|datasets|errors)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
  testTimeout: 60000,
};
