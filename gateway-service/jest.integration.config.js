/**
 * Integration tests against the real network that scripts/test.sh brings up
 * (or reuses); they read its layout from network/runtime/network.json.
 */
module.exports = {
  displayName: 'integration',
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test/integration'],
  testMatch: ['**/*.int-spec.ts'],
  testTimeout: 60000,
};
