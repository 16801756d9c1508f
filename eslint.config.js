// Lint rules: the type-aware promise rules catch real bugs in stream and upload code; the
// import rules enforce the layers of STYLE.md (http → services → stores).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layer = (files, patterns, message) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }] },
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'dist/**', '**/*.d.ts', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      curly: ['error', 'all'],
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.contract.ts', 'server/test/**', 'cli/test/**', 'client/test/**'],
    // node:test's describe/it return promises the runner itself awaits.
    rules: { 'max-lines': ['error', 700], '@typescript-eslint/no-floating-promises': 'off' },
  },
  { files: ['**/*.mjs', '**/*.js'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
  layer(['server/src/http/**'], ['**/stores/*/*/**', '**/stores/open-stores*', '**/stores/**/local-*', '**/stores/**/s3-*'], 'http/ must not import store implementations'),
  layer(['server/src/services/**'], ['fastify', '**/http/**', '**/stores/**/sqlite/**', '**/stores/**/postgres/**', '**/stores/**/repos/**', '**/stores/**/local-*', '**/stores/**/s3-*'], 'services/ use store interfaces only'),
  layer(['server/src/stores/**'], ['**/http/**', 'fastify'], 'stores/ must not import http/'),
  {
    // The client core runs in browsers too: Node modules and globals only in client/src/node/.
    files: ['client/src/**'],
    ignores: ['client/src/node/**', '**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'fs', 'path', 'crypto', 'stream', 'os', '**/server/**', '**/node/**'], message: 'client core must stay browser-safe' }] }],
      'no-restricted-globals': ['error', 'Buffer', '__dirname', '__filename', 'require'],
    },
  },
);
