/**
 * Builds the add-in: the task pane, the ribbon's function file, the outcome dialog, the
 * support page, the icons and the manifest, into dist/ (or `--env outputPath=...`).
 *
 *   npx webpack --mode production                 # dist/, manifest URLs rewritten
 *   npx webpack --mode development                # dist/, manifest as is (localhost:3000)
 *   npx webpack serve --mode development          # https://localhost:3000/
 *
 * The production address comes from TRAFIKLYS_PUBLIC_URL (default below); every
 * https://localhost:3000/ in manifest.xml is rewritten to it, as Microsoft's template does.
 */
'use strict';

const path = require('path');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');

const DEV_URL = 'https://localhost:3000/';
const DEFAULT_PUBLIC_URL = 'https://trafiklys.github.io/trafiklys/';
const OFFICE_CDN = 'https://appsforoffice.microsoft.com';

/**
 * The pages' Content-Security-Policy: scripts and connections only from this site and
 * Microsoft's office.js CDN. Styles allow inline because Fluent UI (Griffel) inserts its
 * rules at run time; images allow data: for Fluent's inline SVGs.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  `script-src 'self' ${OFFICE_CDN}`,
  `connect-src 'self' ${OFFICE_CDN}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

/** Ensures a trailing slash, so `new URL('taskpane.html', base)` stays under the base path. */
function normaliseBaseUrl(url) {
  return url.endsWith('/') ? url : `${url}/`;
}

/** Rewrites the manifest's dev-server URLs to the production base URL. */
function rewriteManifest(content, publicUrl) {
  return content.toString().split(DEV_URL).join(normaliseBaseUrl(publicUrl));
}

/**
 * The Trafiklys functions' Danish metadata (docs/spec.md §10): the generated functions.json with the
 * names and descriptions of src/functions/functions-da.json. Only names and descriptions change,
 * never an id; a function or parameter the table does not name, or one it names that is gone,
 * fails the build rather than ship a half-Danish file.
 */
function localizeFunctionsMetadata(englishJson, table) {
  const metadata = JSON.parse(englishJson);
  const ids = metadata.functions.map((fn) => fn.id);
  const extra = Object.keys(table).filter((id) => !ids.includes(id));
  if (extra.length > 0) throw new Error(`functions-da.json names functions that do not exist: ${extra.join(', ')}`);
  for (const fn of metadata.functions) {
    const danish = table[fn.id];
    if (!danish) throw new Error(`functions-da.json has no Danish name for ${fn.id}`);
    fn.name = danish.name;
    fn.description = danish.description;
    const names = fn.parameters.map((p) => p.name);
    const stray = Object.keys(danish.parameters).filter((name) => !names.includes(name));
    if (stray.length > 0) throw new Error(`functions-da.json names parameters ${fn.id} does not have: ${stray.join(', ')}`);
    for (const parameter of fn.parameters) {
      const words = danish.parameters[parameter.name];
      if (!words) throw new Error(`functions-da.json has no Danish name for ${fn.id}'s parameter ${parameter.name}`);
      [parameter.name, parameter.description] = words;
    }
  }
  return `${JSON.stringify(metadata, null, 4)}\n`;
}

/** Emits functions-da.json beside the functions.json custom-functions-metadata-plugin generates. */
class DanishFunctionsMetadataPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('DanishFunctionsMetadataPlugin', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'DanishFunctionsMetadataPlugin', stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        const english = compilation.getAsset('functions.json');
        if (!english) return;
        const table = JSON.parse(require('fs').readFileSync(path.resolve(__dirname, 'src/functions/functions-da.json'), 'utf8'));
        compilation.emitAsset('functions-da.json', new compiler.webpack.sources.RawSource(localizeFunctionsMetadata(english.source.source().toString(), table)));
      });
    });
  }
}

function createHtmlPage(template, filename, chunks) {
  return new HtmlWebpackPlugin({
    template,
    filename,
    chunks,
    inject: 'body',
    scriptLoading: 'defer',
    cspMeta: `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`,
  });
}

module.exports = (env = {}, argv = {}) => {
  const production = argv.mode !== 'development';
  const publicUrl = env.publicUrl || process.env.TRAFIKLYS_PUBLIC_URL || DEFAULT_PUBLIC_URL;
  const outputPath = path.resolve(__dirname, env.outputPath || 'dist');
  return {
    mode: production ? 'production' : 'development',
    // No eval-based source maps: the CSP above forbids eval, in development too.
    // `--env sourceMaps=false` skips them (the browser test builds faster).
    devtool: env.sourceMaps === 'false' || env.sourceMaps === false ? false : 'source-map',
    context: __dirname,
    entry: {
      taskpane: './src/taskpane/index.tsx',
      commands: './src/commands/commands.ts',
      outcome: './src/commands/outcome-dialog.ts',
      functions: './src/functions/functions.ts',
    },
    output: {
      path: outputPath,
      // The functions' script keeps its name: the functions manifest names it (manifest-functions.xml).
      filename: (pathData) => (pathData.chunk && pathData.chunk.name === 'functions' ? '[name].js' : '[name].[contenthash:8].js'),
      clean: true,
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.js'],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: {
              transpileOnly: true,
              configFile: path.resolve(__dirname, 'tsconfig.json'),
              // ES modules for webpack: with the base config's CommonJS output, imports become
              // require() calls and Fluent UI cannot be tree-shaken (17 MB instead of ~300 KB).
              compilerOptions: { module: 'es2020', moduleResolution: 'node' },
            },
          },
        },
      ],
    },
    // office.js is a global from the CDN script tag, never bundled.
    externals: { 'office-js': 'Office' },
    performance: { hints: false },
    plugins: [
      createHtmlPage('./src/taskpane/taskpane.html', 'taskpane.html', ['taskpane']),
      createHtmlPage('./src/commands/commands.html', 'commands.html', ['commands']),
      createHtmlPage('./src/commands/outcome.html', 'outcome.html', ['outcome']),
      createHtmlPage('./src/taskpane/support.html', 'support.html', []),
      createHtmlPage('./src/functions/functions.html', 'functions.html', ['functions']),
      new CustomFunctionsMetadataPlugin({ output: 'functions.json', input: './src/functions/functions.ts' }),
      new DanishFunctionsMetadataPlugin(),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          { from: 'assets/*.svg', to: 'assets/[name][ext]' },
          { from: 'src/commands/outcome.css', to: 'outcome.css' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform: (content) => (production ? rewriteManifest(content, publicUrl) : content),
          },
          {
            from: 'manifest-functions.xml',
            to: 'manifest-functions.xml',
            transform: (content) => (production ? rewriteManifest(content, publicUrl) : content),
          },
        ],
      }),
    ],
    devServer: {
      // webpack-dev-server makes its own self-signed certificate (without touching the system trust store); Office needs
      // it trusted: `npx office-addin-dev-certs install` once, on Windows or Mac.
      server: 'https',
      port: 3000,
      hot: false,
      headers: { 'Access-Control-Allow-Origin': '*' },
      static: { directory: outputPath, watch: false },
    },
  };
};

module.exports.CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY;
module.exports.rewriteManifest = rewriteManifest;
module.exports.localizeFunctionsMetadata = localizeFunctionsMetadata;
