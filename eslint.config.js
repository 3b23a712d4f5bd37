import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import reactRefresh from 'eslint-plugin-react-refresh';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test/fixtures'] },
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks, 'react-refresh': reactRefresh },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-refresh/only-export-components': 'error',
      eqeqeq: 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Small rooms: a function that outgrows a screen is split by what it does.
    files: ['src/**', 'plugins/**', 'scripts/import/**'],
    ignores: ['**/__tests__/**'],
    rules: { 'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }] },
  },
  {
    // Build code reads the file system; it may share only React-free modules with the browser.
    files: ['plugins/**', 'vite.config.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(\\.\\./)+scripts/', message: 'the build must not depend on scripts/ (benchmarks, tools)' },
            {
              regex: '^(\\.\\./)+src/(?!(content|routes|settings|theme|inline-script|newsletter)\\.ts$)',
              message:
                'build code may import only the React-free modules of src/: content.ts, routes.ts, settings.ts, theme.ts, inline-script.ts, newsletter.ts',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ regex: '^(\\.\\./)+(plugins|scripts)/', message: 'browser code never imports build-time code' }],
        },
      ],
    },
  },
  {
    files: ['src/main.tsx', 'src/entry-server.tsx', 'test/**'],
    rules: { 'react-refresh/only-export-components': 'off' },
  },
);
