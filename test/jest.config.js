/**
 * End-to-end tests: a real Fabric network of native processes (its own run directory and ports,
 * so it can run beside `npm start`), the deployed chaincode and the gateway, driven over HTTP
 * and with direct fabric-gateway clients. Nothing here is mocked.
 */
module.exports = {
  rootDir: '..',
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.e2e.test.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 180000,
  moduleNameMapper: {
    '^@welfare-ledger/chaincode/lib$': '<rootDir>/chaincode/src/lib/index.ts',
  },
};
