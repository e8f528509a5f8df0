// Lint rules: typescript-eslint's strict, type-aware set for the TypeScript of
// both workspaces; the plain recommended sets for the few CommonJS JS files.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['**/dist/**', '**/dist-bench/**', '**/node_modules/**', 'network/runtime/**', 'reports/**', 'coverage/**'] },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: {
        // Every TypeScript file belongs to one of these: the bench project adds gateway-service/bench, the
        // browser one the browser tests (with the DOM), the web one the verification page.
        project: [
          'chaincode/tsconfig.json',
          'gateway-service/tsconfig.json',
          'gateway-service/tsconfig.bench.json',
          'gateway-service/tsconfig.browser.json',
          'gateway-service/web/tsconfig.json',
        ],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Numbers read naturally in messages; everything else (nullish, any, booleans, objects) still needs an explicit String().
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowAny: false, allowBoolean: false, allowNever: false, allowNullish: false, allowNumber: true, allowRegExp: false },
      ],
      // Nest modules are empty classes carrying a @Module() decorator.
      '@typescript-eslint/no-extraneous-class': ['error', { allowWithDecorator: true }],
      // fabric-contract-api @Object() records (typed plain objects, as in fabric-samples) and Nest's option and DTO classes.
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
    },
  },
  {
    files: ['**/*.js'],
    extends: [tseslint.configs.recommended],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
