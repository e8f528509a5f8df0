/**
 * Consortium tests against the real network: they add a city to it and
 * replace a city's gateway, so scripts/test-network.sh runs them after every
 * other suite of a network, one file at a time.
 */
module.exports = {
  displayName: 'consortium',
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test/consortium'],
  testMatch: ['**/*.consortium-spec.ts'],
  testTimeout: 900000,
  maxWorkers: 1,
};
