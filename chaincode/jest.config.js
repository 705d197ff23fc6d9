/** Unit tests for the chaincode: pure rules and contracts over an in-memory stub. */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  setupFiles: ['<rootDir>/src/testing/quiet-logs.ts'],
  collectCoverageFrom: ['src/**/*.ts', '!src/**/*.test.ts', '!src/index.ts', '!src/testing/**'],
  coverageReporters: ['text-summary'],
};
