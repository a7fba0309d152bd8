// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Imports each layer must not make: dependencies point inward, toward the pure engine (README "How it is built"). */
const nodeBuiltins = ['fs', 'node:*', 'path', 'os', 'child_process', 'stream', 'zlib', 'crypto', 'util', 'url'];
const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

/**
 * Adapters reach the engine only through its public face, src/engine/index.ts: a deep
 * import (`../engine/types`, `../../engine/sources`) ties an adapter to the engine's inner layout.
 * It is a separate rule name from `restrict`'s so that one folder can carry both, each with its
 * own severity.
 */
const engineOnlyThroughIndex = (severity) => ({
  '@typescript-eslint/no-restricted-imports': [
    severity,
    {
      patterns: [
        {
          group: ['**/engine/*', '!**/engine/index'],
          message: 'Import the engine through src/engine/index.ts (`../engine` or `../engine/index`), not one of its modules.',
        },
      ],
    },
  ],
});
/** Every adapter imports the engine only through its index. */
const ENGINE_INDEX_ONLY = ['src/functions/**/*.ts', 'src/xlsx/**/*.ts', 'src/excel/**/*.ts', 'src/cli/**/*.ts', 'src/taskpane/**/*.ts', 'src/taskpane/**/*.tsx', 'src/ui/**/*.ts', 'src/commands/**/*.ts', 'src/report/**/*.ts', 'src/examples/**/*.ts'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'lib/**', 'dist/**', 'coverage/**', 'examples/out/**', 'test-output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      // Workbook text is data: it never becomes HTML (security).
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Render workbook text as text, never as HTML.' },
        { selector: 'AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]', message: 'Use textContent: workbook text must never become HTML.' },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'Use textContent: workbook text must never become HTML.' },
        { selector: "CallExpression[callee.property.name='write'][callee.object.name='document']", message: 'No document.write.' },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts'],
    rules: {
      ...restrict(
        [...nodeBuiltins, 'exceljs', 'react', 'react-dom', '@fluentui/*', '../excel/*', '../xlsx/*', '../cli/*', '../taskpane/*', '../../*'],
        'The engine is pure: it imports nothing outside src/engine (no I/O, no Office, no exceljs).',
      ),
      'no-restricted-globals': ['error', 'process', 'document', 'window', 'Office', 'Excel', 'console'],
    },
  },
  {
    files: ['src/report/**/*.ts'],
    ignores: ['src/report/**/*.test.ts'],
    rules: {
      ...restrict(
        [...nodeBuiltins, 'exceljs', 'react', 'react-dom', '@fluentui/*', '../excel/*', '../xlsx/*', '../xlsx', '../cli/*', '../taskpane/*', '../engine/*', '../../*'],
        'src/report is pure: it builds the HTML and the overview from Recalculations, importing only the engine\'s public index (../engine).',
      ),
      'no-restricted-globals': ['error', 'process', 'document', 'window', 'Office', 'Excel', 'console'],
    },
  },
  {
    files: ['src/xlsx/**/*.ts'],
    ignores: ['src/xlsx/**/*.test.ts'],
    rules: {
      ...restrict(['react', 'react-dom', '@fluentui/*', '../excel/*', '../cli/*', '../taskpane/*'], 'src/xlsx may use only the engine and exceljs.'),
      'no-restricted-globals': ['error', 'process', 'Office', 'Excel'],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    ignores: ['src/cli/**/*.test.ts'],
    rules: {
      ...restrict(['exceljs', 'react', 'react-dom', '@fluentui/*', '../excel/*', '../taskpane/*'], 'The CLI reaches .xlsx only through src/xlsx.'),
    },
  },
  {
    files: ['src/excel/**/*.ts'],
    ignores: ['src/excel/**/*.test.ts'],
    rules: {
      ...restrict([...nodeBuiltins, 'exceljs', 'react', 'react-dom', '@fluentui/*', '../xlsx/*', '../cli/*', '../taskpane/*'], 'src/excel may use only the engine and Office.js.'),
      'no-restricted-globals': ['error', 'process'],
    },
  },
  {
    files: ['src/ui/**/*.ts'],
    ignores: ['src/ui/**/*.test.ts'],
    rules: {
      ...restrict(
        [...nodeBuiltins, 'exceljs', 'react', 'react-dom', '@fluentui/*', '../excel', '../excel/*', '../xlsx/*', '../cli/*', '../taskpane/*', '../commands/*', '../engine/*', '!../engine/index'],
        'src/ui holds the words and colours the pane and the ribbon both show: it uses only the engine, through src/engine/index.ts.',
      ),
      'no-restricted-globals': ['error', 'process', 'document', 'window', 'Office', 'Excel'],
    },
  },
  {
    files: ['src/commands/**/*.ts'],
    ignores: ['src/commands/**/*.test.ts'],
    rules: {
      ...restrict(
        [...nodeBuiltins, 'exceljs', 'react', 'react-dom', '@fluentui/*', '../xlsx/*', '../cli/*', '../taskpane/*', '../excel/*', '../engine/*', '!../engine/index'],
        'The ribbon command uses src/excel (through its index), src/ui and the engine (through src/engine/index.ts), never the task pane.',
      ),
      'no-restricted-globals': ['error', 'process', 'Excel'],
    },
  },
  {
    // The Trafiklys functions (docs/spec.md §10): the arguments are handled in a pure module, and only
    // functions.ts touches the custom functions runtime (and Office, for its display language).
    files: ['src/functions/**/*.ts'],
    ignores: ['src/functions/**/*.test.ts', 'src/functions/functions.ts'],
    rules: {
      ...restrict(
        [...nodeBuiltins, 'exceljs', 'react', 'react-dom', '@fluentui/*', '../excel', '../excel/*', '../xlsx', '../xlsx/*', '../cli/*', '../taskpane/*', '../commands/*', '../ui/*', '../report', '../report/*', '../engine/*', '!../engine/index'],
        'The functions\' argument handling is pure: it uses only the engine, through src/engine/index.ts.',
      ),
      'no-restricted-globals': ['error', 'process', 'document', 'window', 'Office', 'Excel', 'CustomFunctions', 'navigator', 'console'],
    },
  },
  {
    files: ['src/functions/functions.ts'],
    rules: {
      ...restrict(
        [...nodeBuiltins, 'exceljs', 'react', 'react-dom', '@fluentui/*', '../excel', '../excel/*', '../xlsx', '../xlsx/*', '../cli/*', '../taskpane/*', '../commands/*', '../ui/*', '../report', '../report/*', '../engine', '../engine/*'],
        'functions.ts stays thin: it hands its arguments to ./arguments and its errors to Excel; the engine is reached through ./arguments.',
      ),
      // Excel calls these functions and never waits for a workbook write: no Excel.run here (docs/spec.md §10, they only compute).
      'no-restricted-globals': ['error', 'process', 'document', 'window', 'Excel', 'console'],
    },
  },
  {
    files: ['src/examples/**/*.ts'],
    ignores: ['src/examples/**/*.test.ts'],
    rules: {
      ...restrict(
        [...nodeBuiltins, 'exceljs', 'react', 'react-dom', '@fluentui/*', '../excel', '../excel/*', '../xlsx/*', '../cli/*', '../taskpane/*', '../commands/*', '../ui/*', '../engine/*', '!../engine/index'],
        'The example workbook is data built with the engine alone, through src/engine/index.ts.',
      ),
      'no-restricted-globals': ['error', 'process', 'document', 'window', 'Office', 'Excel'],
    },
  },
  {
    files: ['src/taskpane/**/*.ts', 'src/taskpane/**/*.tsx'],
    ignores: ['src/taskpane/index.tsx', 'src/taskpane/**/*.test.tsx', 'src/taskpane/**/*.test.ts'],
    rules: {
      ...restrict([...nodeBuiltins, 'exceljs', '../xlsx/*', '../cli/*', '../../xlsx/*', '../../cli/*', '../../excel/*', '../excel/*'], 'Components get Office-touching functions through props or hooks, so they render without Office; only index.tsx wires src/excel in.'),
      'no-restricted-globals': ['error', 'process', 'Office', 'Excel'],
    },
  },
  {
    files: ENGINE_INDEX_ONLY,
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: engineOnlyThroughIndex('error'),
  },
  {
    // Benchmarks may build their data with test/support; tests never import a benchmark,
    // so the test suite does not depend on code that only measures.
    files: ['test/**/*.ts', 'test/**/*.tsx'],
    rules: restrict(['**/bench', '**/bench/*'], 'test/ never imports bench/: move what both need to test/support/.'),
  },
);
