import tseslint from 'typescript-eslint';

const testSupport = { group: ['**/test-support/**'], message: 'test-support/ is for tests and benchmarks; production code must not depend on it.' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-empty-object-type': 'off',
      'no-empty-pattern': 'off',
    },
  },
  {
    // Services run in plain Node: only the Electron shell may import electron.
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'Services must not import electron; wire it in src-main/main.ts.' },
            { name: 'electron-store', message: 'Use the SettingsStore interface.' },
          ],
          patterns: [testSupport],
        },
      ],
    },
  },
  {
    // The shell is the one place electron is allowed.
    files: ['src-main/main.ts', 'src-main/preload.ts', 'src-main/ipc/electron-transport.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [testSupport] }] },
  },
  {
    // The renderer reaches main only through window.warren and shares only src-shared.
    files: ['src-renderer/**/*.{ts,tsx}'],
    ignores: ['src-renderer/**/*.test.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/src-main/**'], message: 'The renderer may not import main code; shared types and policy live in src-shared/.' }, testSupport] },
      ],
    },
  },
  {
    // Shared by both processes: no Node, no DOM, no framework — only zod.
    files: ['src-shared/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(?!zod$|\\.)', message: 'src-shared/ may import only zod and its own files.' },
            { group: ['**/src-main/**', '**/src-renderer/**', '**/test-support/**', '**/e2e/**'], message: 'src-shared/ may import only its own files.' },
          ],
        },
      ],
    },
  },
);
