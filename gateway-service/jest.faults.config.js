/**
 * Fault tests against the real network: they stop and restart its processes,
 * so scripts/test.sh runs them last, on their own. Every wait is bounded.
 */
module.exports = {
  displayName: 'faults',
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test/faults'],
  testMatch: ['**/*.fault-spec.ts'],
  testTimeout: 180000,
};
