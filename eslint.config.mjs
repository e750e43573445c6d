// ESLint 9 flat config. `npm run lint` runs it over everything we write: the extension (src/), the Studio page
// (src/webview/, which has its own tsconfig with the DOM), the tests and emulator (test/) and the build scripts.
// TypeScript files get typescript-eslint's type-aware rules, which catch real bugs tsc lets through: promises nobody
// awaits or whose rejection nobody handles, promises passed where a callback's result is ignored, `any` leaking into
// typed code. Plain JavaScript (scripts/, esbuild.mjs) gets ESLint's recommended rules. Zero warnings is the bar.
// @ts-check
import js from '@eslint/js';
import stylistic from '@stylistic/eslint-plugin';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import layers from './scripts/lib/eslint-layers.mjs';

export default defineConfig(
  { ignores: ['dist/', 'out/', 'node_modules/', '.vstest/', '.artifacts/', 'l10n/'] },
  {
    plugins: { '@stylistic': stylistic },
    rules: {
      // The project's agreed line length (there is no formatter): long lines hide their ends in side-by-side diffs.
      // Except a line that starts with an l10n.t('…') call: @vscode/l10n-dev reads the message only as one literal
      // (no concatenation), and it is the key of every translation, so a long message stays on its line.
      '@stylistic/max-len': ['error', { code: 140, tabWidth: 2, ignorePattern: String.raw`^\s*(vscode\.)?l10n\.t\('` }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        // Each file is checked against its nearest tsconfig.json: src/webview/tsconfig.json (DOM, bundler resolution)
        // for the page, the root one for the rest.
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Returning a promise from inside try without awaiting it skips the catch and the finally's timing.
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      // A switch over a union that forgets a member silently does nothing for it.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      // `_`-prefixed parameters are the ones an interface or callback signature makes us accept.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // The layers (ARCHITECTURE.md): each folder of src/ imports only those below it (scripts/lib/eslint-layers.mjs),
    // and the core, the shared folder and the page never import `vscode` (the core runs in a command-line tool, the
    // page in a browser). test/unit/layers.test.ts shows both fail on a wrong import.
    files: ['src/**/*.ts'],
    plugins: { layers },
    rules: { 'layers/allowed-imports': 'error' },
  },
  {
    files: ['src/core/**/*.ts', 'src/shared/**/*.ts', 'src/webview/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'Only src/services, src/commands, src/studio and the top files import vscode.' }],
      }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
  },
);
