/** Unit tests for the gateway; the chaincode's shared lib is read from its TypeScript source. */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  moduleNameMapper: {
    '^@welfare-ledger/chaincode/lib$': '<rootDir>/../chaincode/src/lib/index.ts',
  },
};
