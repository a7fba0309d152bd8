/**
 * Builds the add-in: the task pane, the ribbon's function file, the outcome dialog, the
 * support page, the icons and the manifest, into dist/ (or `--env outputPath=...`).
 *
 *   npx webpack --mode production --env url=https://addins.example.dk/trafiklys/   # dist/ for that address
 *   npx webpack --mode development                # dist/, manifest as is (localhost:3000)
 *   npx webpack serve --mode development          # https://localhost:3000/ with the dev certificate
 *
 * The address where dist/ will be hosted comes from `--env url=…` or TRAFIKLYS_PUBLIC_URL; every
 * https://localhost:3000/ in manifest.xml is rewritten to it, as Microsoft's template does. There
 * is no default: a production build without one keeps the localhost manifest and says so.
 */
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const devCertNames = require('office-addin-dev-certs/lib/defaults');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');

const DEV_URL = 'https://localhost:3000/';
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

/** The hosting address of a production build: `--env url=…` or TRAFIKLYS_PUBLIC_URL; `null` when neither is given. */
function hostingUrl(env) {
  const url = env.url || env.publicUrl || process.env.TRAFIKLYS_PUBLIC_URL || '';
  if (url === '') return null;
  if (!/^https:\/\/[^/\s]+/.test(url)) throw new Error(`The add-in's address must be an https:// URL (Office loads add-ins only over HTTPS): ${url}`);
  return url;
}

/**
 * The localhost certificate `npx office-addin-dev-certs install` made (its files under
 * ~/.office-addin-dev-certs, as its getHttpsServerOptions reads them; the install also trusts
 * its CA on Windows and Mac): `{ key, cert, ca }` for webpack-dev-server, or `null` when it has
 * not run. Reading never installs anything (getHttpsServerOptions would, touching the system's
 * trust store).
 */
function devCertificate(home = os.homedir()) {
  const dir = path.join(home, devCertNames.certificateDirectoryName);
  const files = { key: devCertNames.localhostKeyFileName, cert: devCertNames.localhostCertificateFileName, ca: devCertNames.caCertificateFileName };
  const found = Object.fromEntries(Object.entries(files).map(([name, file]) => [name, path.join(dir, file)]));
  if (!Object.values(found).every((file) => fs.existsSync(file))) return null;
  return Object.fromEntries(Object.entries(found).map(([name, file]) => [name, fs.readFileSync(file)]));
}

/** webpack-dev-server's `server`: the dev certificate when installed; else its own self-signed one, which Office refuses. */
function devServerHttps(home = os.homedir(), warn = (text) => console.warn(text)) {
  const certificate = devCertificate(home);
  if (!certificate) {
    warn('Trafiklys: no certificate from office-addin-dev-certs in ~/.office-addin-dev-certs; serving a self-signed one, which Office refuses. Run `npx office-addin-dev-certs install` once (Windows or Mac).');
    return 'https';
  }
  const expires = new (require('crypto').X509Certificate)(certificate.cert).validTo;
  if (Date.parse(expires) < Date.now()) warn(`Trafiklys: the dev certificate expired on ${expires}; run \`npx office-addin-dev-certs install\` again.`);
  return { type: 'https', options: certificate };
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
  const publicUrl = production ? hostingUrl(env) : null;
  if (production && publicUrl === null && !env.WEBPACK_SERVE) {
    console.warn('Trafiklys: no hosting address given (--env url=https://… or TRAFIKLYS_PUBLIC_URL): dist/manifest.xml still points at https://localhost:3000/.');
  }
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
            transform: (content) => (publicUrl !== null ? rewriteManifest(content, publicUrl) : content),
          },
          {
            from: 'manifest-functions.xml',
            to: 'manifest-functions.xml',
            transform: (content) => (publicUrl !== null ? rewriteManifest(content, publicUrl) : content),
          },
        ],
      }),
    ],
    devServer: {
      // Office loads add-ins only from a trusted origin: the certificate office-addin-dev-certs installed.
      ...(env.WEBPACK_SERVE ? { server: devServerHttps() } : {}),
      port: 3000,
      hot: false,
      headers: { 'Access-Control-Allow-Origin': '*' },
      static: { directory: outputPath, watch: false },
    },
  };
};

module.exports.CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY;
module.exports.rewriteManifest = rewriteManifest;
module.exports.devServerHttps = devServerHttps;
module.exports.localizeFunctionsMetadata = localizeFunctionsMetadata;
