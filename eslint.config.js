/**
 * Lint, including the layer boundaries (ARCHITECTURE.md):
 *   - only electron/ may import 'electron';
 *   - main/ may not import from electron/ or renderer/;
 *   - renderer/ is browser code: no Node built-ins, no Electron, and from main/ only
 *     types of the HTTP contract (`import type … from main/contract`).
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const electronBan = { name: 'electron', message: 'Only electron/ may import Electron.' };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'release/**', 'coverage/**', 'test-artifacts/**', 'renderer/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['main/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan],
          patterns: [
            { group: ['electron/*'], message: 'Only electron/ may import Electron.' },
            {
              group: ['**/electron/**', '../electron', '../../electron'],
              message: 'main/ is the Electron-free core: it may not import from electron/.',
            },
            {
              group: ['**/renderer/**', '../renderer', '../../renderer'],
              message: 'main/ may not import renderer code.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'test/renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            electronBan,
            ...nodeBuiltins.map((name) => ({ name, message: 'renderer/ is browser code: no Node built-ins.' })),
          ],
          patterns: [
            { group: ['electron/*'], message: 'renderer/ is browser code: no Electron.' },
            {
              // Any path into main/ but main/contract (gitignore-style groups cannot re-include a child of an excluded folder).
              regex: '^(\\.\\./)+main(/(?!contract(/|$)).*)?$',
              message: 'renderer/ may import from main/ only the HTTP contract: `import type … from main/contract`.',
            },
            {
              regex: '^(\\.\\./)+main/contract(/.*)?$',
              allowTypeImports: true,
              message: 'renderer/ may import only types from main/contract (use `import type`).',
            },
            { group: ['**/electron/**'], message: 'renderer/ may not import the desktop shell.' },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.{ts,mjs}', 'scripts/**/*.mjs'],
    ignores: ['test/renderer/**'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': ['error', { paths: [electronBan] }],
    },
  },
);
