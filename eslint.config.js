// One lint configuration for the whole tree: strict type-aware rules for TypeScript,
// and rules that keep @actions/* inside src/platform (the only code that talks to the runner),
// child processes inside src/process, and src/platform free of imports from domain folders.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const actionsOnlyInPlatform = {
  group: ['@actions/*'],
  message: 'Only src/platform talks to the runner; take a Runner from the context instead.',
};
const processesOnlyInProcess = {
  group: ['node:child_process', 'child_process'],
  message: 'Every child process goes through src/process (time limit, cancel, group kill).',
};
// Platform code is what the domain folders build on; an import back would close a circle.
// src/process imports nothing: a step leaving at once ends the programs it started with it.
const platformImportsNoDomain = {
  group: ['../*/**', '!../shared/**', '!../process/**'],
  message:
    'src/platform imports no domain folder (src/shared and src/process aside); put the type in src/platform.',
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.lab/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // node:test's test() returns a promise the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', name: ['test', 'describe', 'it', 'suite'], package: 'node:test' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/platform/**', 'src/process/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [actionsOnlyInPlatform, processesOnlyInProcess] },
      ],
    },
  },
  {
    files: ['src/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [processesOnlyInProcess, platformImportsNoDomain] },
      ],
    },
  },
  {
    files: ['src/process/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [actionsOnlyInPlatform] }] },
  },
);
