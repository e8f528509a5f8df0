/**
 * Consortium tests against the real network: they add a city to it, so
 * scripts/test-network.sh runs them after every other suite of a network.
 */
module.exports = {
  displayName: 'consortium',
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test/consortium'],
  testMatch: ['**/*.consortium-spec.ts'],
  testTimeout: 900000,
};
