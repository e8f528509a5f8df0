/**
 * Browser tests of the pages the gateway serves, in headless Chromium against
 * the gateway's app started in-process with a scripted ledger (no network
 * needed); scripts/test.sh installs Chromium first (scripts/install-browser.sh).
 */
module.exports = {
  displayName: 'browser',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.browser.json' }] },
  testEnvironment: 'node',
  roots: ['<rootDir>/test/browser'],
  testMatch: ['**/*.browser-spec.ts'],
  testTimeout: 60000,
};
