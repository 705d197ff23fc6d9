/** Unit tests for the chaincode: pure rules and contracts over an in-memory stub. */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  collectCoverageFrom: ['src/**/*.ts', '!src/**/*.test.ts', '!src/index.ts'],
  coverageReporters: ['text-summary'],
};
