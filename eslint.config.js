// Lint, with the layering rule at error: a file's folder says where it runs, and an import against
// that direction fails `npm test` (like VS Code's code-layering rule).
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const NODE_BUILTINS = [
  'fs',
  'path',
  'os',
  'child_process',
  'crypto',
  'net',
  'http',
  'https',
  'stream',
  'util',
  'url',
  'worker_threads',
  'buffer',
  'events',
  'zlib',
  'tty',
  'readline',
];

/** Relative or aliased imports that land in one of these src folders. */
const layer = (...names) => ({
  regex: `(^|/)(${names.join('|')})(/|$)`,
  message: `This layer may not import from src/{${names.join(',')}}: see ARCHITECTURE.md (layers).`,
});
const noNode = { regex: '^node:', message: 'Node built-ins do not exist in this layer.' };
const noElectron = { regex: '^electron$', message: 'Only src/main and src/preload may import electron.' };
const noDom = {
  regex: '^(react|react-dom|@xterm/xterm|@xterm/addon-.*|dompurify|zustand)(/|$)',
  message: 'DOM libraries belong to src/renderer only.',
};
const noNodePkgs = {
  regex: '^(node-pty|ws|electron-store)$',
  message: 'Node-only packages belong to core, server or main, not here.',
};

const restrict = (...patterns) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: NODE_BUILTINS.map((name) => ({ name, message: 'Use the node: prefix, and only in Node layers.' })),
      patterns,
    },
  ],
});
const restrictNodeLayer = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'e2e-artifacts/**',
      '.tejun-data/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty-pattern': 'off',
    },
  },
  {
    files: ['**/*.mjs', 'scripts/**', 'bin/**', '.ci/**'],
    languageOptions: { globals: globals.node },
  },
  // The terminal benchmark and its bare Chromium hand functions to page.evaluate: they run in the browser.
  {
    files: ['scripts/bench-terminal.mjs', 'scripts/bare-chromium.mjs', 'scripts/minimal-web-terminal.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  // Terminal code reads escape sequences: control characters in its regexes are the point.
  { files: ['src/core/terminal/**', 'src/core/runbook/decode.ts'], rules: { 'no-control-regex': 'off' } },
  // Layers, from the bottom up.
  {
    files: ['src/shared/**'],
    rules: restrict(
      noNode,
      noElectron,
      noDom,
      noNodePkgs,
      layer('core', 'main', 'preload', 'renderer', 'server', 'cli'),
    ),
  },
  {
    files: ['src/core/**'],
    rules: restrictNodeLayer(noElectron, noDom, layer('main', 'preload', 'renderer', 'server', 'cli')),
  },
  {
    files: ['src/server/**'],
    rules: restrictNodeLayer(noElectron, noDom, layer('main', 'preload', 'renderer', 'cli')),
  },
  { files: ['src/cli/**'], rules: restrictNodeLayer(noElectron, noDom, layer('main', 'preload', 'renderer')) },
  { files: ['src/main/**'], rules: restrictNodeLayer(noDom, layer('preload', 'renderer', 'server', 'cli')) },
  {
    files: ['src/preload/**'],
    rules: restrictNodeLayer(noNode, noDom, noNodePkgs, layer('core', 'main', 'renderer', 'server', 'cli')),
  },
  {
    files: ['src/renderer/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(noNode, noElectron, noNodePkgs, layer('core', 'main', 'preload', 'server', 'cli')),
    },
  },
  // Last: turns off every stylistic rule Prettier owns, so the formatter and the linter never disagree.
  prettier,
);
