// Four projects: unit tests need nothing running; integration tests get real
// DynamoDB Local and cognito-local from the global setup; end-to-end tests get the whole
// stack (`startStack`, as `npm start` runs it) and talk to it over HTTP through the gateway;
// browser tests drive chromium through the web app's static export against that same stack.
const swc = {
  jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  // Workspace packages are imported from source, so tests never need a build first.
  moduleNameMapper: { '^@taskmgr/([a-z-]+)$': '<rootDir>/packages/$1/src/index.ts' },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};

const roots = '<rootDir>/{packages/*,services/*,tools/*,infra}';

/** @type {import('jest').Config} */
module.exports = {
  // Applies to every project (Jest ignores it inside a project entry).
  testTimeout: 60_000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: [`${roots}/test/unit/**/*.test.ts`],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: [`${roots}/test/integration/**/*.test.ts`],
      globalSetup: '<rootDir>/packages/local-engines/src/jest/global-setup.ts',
      globalTeardown: '<rootDir>/packages/local-engines/src/jest/global-teardown.ts',
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/tools/e2e/test/**/*.test.ts'],
      globalSetup: '<rootDir>/tools/e2e/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/tools/e2e/test/support/global-teardown.ts',
    },
    {
      ...shared,
      displayName: 'browser',
      testMatch: ['<rootDir>/tools/browser/test/**/*.test.ts'],
      globalSetup: '<rootDir>/tools/browser/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/tools/browser/test/support/global-teardown.ts',
    },
  ],
};
