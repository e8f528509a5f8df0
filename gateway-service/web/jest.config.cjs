/** Unit tests of the pages' pure logic (no browser, no network): compiled as CommonJS for jest. */
module.exports = {
  displayName: 'web-unit',
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      { tsconfig: { module: 'commonjs', moduleResolution: 'node', target: 'ES2022', strict: true, esModuleInterop: true, types: ['jest'] } },
    ],
  },
};
