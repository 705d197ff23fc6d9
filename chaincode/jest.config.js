/** Unit tests for the chaincode: pure rules and contracts over an in-memory stub. */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  setupFiles: ['<rootDir>/src/testing/quiet-logs.ts'],
  collectCoverage: true,
  collectCoverageFrom: ['src/**/*.ts', '!src/**/*.test.ts', '!src/index.ts', '!src/testing/**'],
  coverageReporters: ['text-summary'],
  coverageThreshold: {
    global: { branches: 90, statements: 90, functions: 90, lines: 90 },
  },
};
