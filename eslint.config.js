import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

import { builtinModules } from 'node:module';

const nodeMessage = 'Node built-ins stay in electron/ and models/.';
/** Bare built-in names (`fs`, `path`…) are matched exactly, so a local `./events` is not mistaken for one. */
const nodePaths = builtinModules.map((name) => ({ name, message: nodeMessage }));

/** Imports a folder may not make: the boundaries of DEVELOPERS.md. */
const noNode = { group: ['node:*'], message: nodeMessage };
const noElectron = { group: ['electron', 'electron/*'], message: 'Electron stays in electron/.' };
const noReact = {
  group: ['react', 'react-dom', 'react/*', 'react-dom/*', 'zustand', 'zustand/*'],
  message: 'UI code stays in renderer/.',
};
const noEngine = {
  group: [
    'better-sqlite3',
    '@ffmpeg-installer/*',
    '@ffprobe-installer/*',
    'ffmpeg-static',
    'fluent-ffmpeg',
    '@tensorflow/tfjs-node',
    '@tensorflow/tfjs-node-gpu',
    '**/electron/**',
    '../electron/*',
    '../../electron/*',
  ],
  message: 'The renderer talks only to the contract in shared/: no engine, SQLite, ffmpeg or tfjs-node.',
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.tsbuild/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Named exports only (configs excepted).' },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: nodePaths, patterns: [noNode, noElectron, noReact, noEngine] },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { paths: nodePaths, patterns: [noNode, noElectron, noEngine] }],
    },
  },
  {
    files: ['electron/**/*.ts', 'models/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noReact,
            { group: ['**/renderer/**'], message: 'The Node side never imports the renderer.' },
          ],
        },
      ],
    },
  },
  {
    // The engine and the headless hosts run without Electron (CLI, `amelia serve`, tests).
    files: [
      'electron/engine/**/*.ts',
      'electron/server/**/*.ts',
      'electron/cli/**/*.ts',
      'electron/web/**/*.ts',
      'models/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noReact,
            noElectron,
            { group: ['**/renderer/**'], message: 'The Node side never imports the renderer.' },
          ],
        },
      ],
    },
  },
  {
    files: ['*.config.{ts,js}', 'eslint.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
