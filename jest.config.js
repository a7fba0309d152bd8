/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    // Types are checked once by `npm run typecheck`; jest only transpiles.
    '^.+\\.tsx?$': ['ts-jest', { diagnostics: false }],
  },
  moduleNameMapper: {
    '\\.(css|png|svg)$': '<rootDir>/test/support/file-stub.js',
  },
  setupFilesAfterEnv: ['<rootDir>/test/support/dom-wait-timeout.js'],
  maxWorkers: 2,
  testTimeout: 30000,
};
