/** Unit tests of the gateway service: no network needed. */
module.exports = {
  displayName: 'gateway-unit',
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.spec.ts'],
};
