/** Unit tests of the chaincode: pure logic and contracts over an in-memory stub. */
module.exports = {
  displayName: 'chaincode',
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  setupFiles: ['<rootDir>/test/support/quiet-logging.ts'],
};
