/**
 * webpack.config.js as a new user meets it (docs/spec.md §7, "Office loads add-ins only from a
 * trusted origin"): the dev server serves the certificate office-addin-dev-certs made, and a
 * build for the address where dist/ is hosted rewrites every URL of the manifest to it. The
 * certificate is generated into a temporary home with the package's own `generateCertificates`;
 * nothing is installed into any trust store.
 */
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import CopyWebpackPlugin from 'copy-webpack-plugin';
import { generateCertificates } from 'office-addin-dev-certs';
import webpack from 'webpack';

type MakeConfig = ((env: Record<string, unknown>, argv: { mode: string }) => webpack.Configuration) & {
  devServerHttps: (home?: string, warn?: (text: string) => void) => unknown;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const makeConfig = require('../webpack.config.js') as MakeConfig;
const repoRoot = path.resolve(__dirname, '..');
const DEV_URL = 'https://localhost:3000/';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'trafiklys-build-'));
}

describe('the dev server\'s HTTPS', () => {
  let home: string;
  beforeAll(async () => {
    home = tempDir();
    const dir = path.join(home, '.office-addin-dev-certs');
    fs.mkdirSync(dir);
    await generateCertificates(path.join(dir, 'ca.crt'), path.join(dir, 'localhost.crt'), path.join(dir, 'localhost.key'), 30, ['127.0.0.1', 'localhost']);
  }, 60_000);

  it('serves the key and certificate office-addin-dev-certs made, with their CA', () => {
    const dir = path.join(home, '.office-addin-dev-certs');
    const server = makeConfig.devServerHttps(home, () => undefined) as { type: string; options: { key: Buffer; cert: Buffer; ca: Buffer } };
    expect(server.type).toBe('https');
    expect(server.options.key.equals(fs.readFileSync(path.join(dir, 'localhost.key')))).toBe(true);
    expect(server.options.cert.equals(fs.readFileSync(path.join(dir, 'localhost.crt')))).toBe(true);
    expect(server.options.ca.equals(fs.readFileSync(path.join(dir, 'ca.crt')))).toBe(true);
    const cert = new X509Certificate(server.options.cert);
    expect(cert.checkHost('localhost')).toBe('localhost');
    expect(cert.checkIssued(new X509Certificate(server.options.ca))).toBe(true);
  });

  it('is what `webpack serve` gets from the config, for the user whose home holds the certificate', () => {
    // os.homedir() is $HOME (jest's process.env is a copy, so the home is given through the spy).
    const homedir = jest.spyOn(os, 'homedir').mockReturnValue(home);
    try {
      const config = makeConfig({ WEBPACK_SERVE: true }, { mode: 'development' }) as { devServer: { server: { options: { cert: Buffer } }; port: number } };
      expect(config.devServer.port).toBe(3000);
      expect(config.devServer.server.options.cert.equals(fs.readFileSync(path.join(home, '.office-addin-dev-certs', 'localhost.crt')))).toBe(true);
    } finally {
      homedir.mockRestore();
    }
  });

  it('without the certificate falls back to a self-signed one and says how to install the trusted one', () => {
    const said: string[] = [];
    expect(makeConfig.devServerHttps(tempDir(), (text) => said.push(text))).toBe('https');
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const homedir = jest.spyOn(os, 'homedir').mockReturnValue(tempDir());
    try {
      expect((makeConfig({ WEBPACK_SERVE: true }, { mode: 'development' }) as { devServer: { server: unknown } }).devServer.server).toBe('https');
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('npx office-addin-dev-certs install'));
    } finally {
      homedir.mockRestore();
      warn.mockRestore();
    }
    expect(said).toEqual([expect.stringContaining('npx office-addin-dev-certs install')]);
  });
});

describe('a production build for the hosting address', () => {
  const manifestSource = fs.readFileSync(path.join(repoRoot, 'manifest.xml'), 'utf8');
  const urlsOf = (xml: string): string[] => [...xml.matchAll(/DefaultValue="(https:\/\/[^"]+)"/g)].map((m) => m[1]!);

  /** Runs webpack with the real config, keeping only the step that writes the manifest and assets. */
  async function build(env: Record<string, unknown>): Promise<string> {
    const out = tempDir();
    const entry = path.join(out, 'empty.js');
    fs.writeFileSync(entry, '');
    const config = makeConfig({ ...env, outputPath: path.join(out, 'dist'), sourceMaps: 'false' }, { mode: 'production' });
    const copyOnly: webpack.Configuration = { ...config, entry: { empty: entry }, plugins: (config.plugins ?? []).filter((p) => p instanceof CopyWebpackPlugin) };
    await new Promise<void>((resolve, reject) =>
      webpack(copyOnly, (error, stats) => (error || stats?.hasErrors() ? reject(error ?? new Error(stats?.toString())) : resolve())),
    );
    return path.join(out, 'dist');
  }

  it('rewrites every URL of the manifest to the address, and each names a file the build has', async () => {
    const dist = await build({ url: 'https://addins.example.dk/trafiklys' });
    const manifest = fs.readFileSync(path.join(dist, 'manifest.xml'), 'utf8');
    expect(manifest).not.toContain('localhost');
    const before = urlsOf(manifestSource);
    const after = urlsOf(manifest);
    expect(before.length).toBeGreaterThan(8);
    expect(after).toEqual(before.map((u) => u.replace(DEV_URL, 'https://addins.example.dk/trafiklys/')));
    for (const url of after.filter((u) => u.includes('/assets/'))) expect(fs.existsSync(path.join(dist, url.replace('https://addins.example.dk/trafiklys/', '')))).toBe(true);
    // The functions' own manifest (docs/decisions.md) is built for the same address.
    const functionsSource = fs.readFileSync(path.join(repoRoot, 'manifest-functions.xml'), 'utf8');
    const functionsManifest = fs.readFileSync(path.join(dist, 'manifest-functions.xml'), 'utf8');
    expect(functionsManifest).not.toContain('localhost');
    expect(urlsOf(functionsSource).length).toBeGreaterThan(2);
    expect(urlsOf(functionsManifest)).toEqual(urlsOf(functionsSource).map((u) => u.replace(DEV_URL, 'https://addins.example.dk/trafiklys/')));
  }, 60_000);

  it('takes the address from TRAFIKLYS_PUBLIC_URL too; refuses one that is not https; bakes in none when none is given', async () => {
    process.env.TRAFIKLYS_PUBLIC_URL = 'https://intranet.example.dk/addins/trafiklys/';
    try {
      const dist = await build({});
      expect(urlsOf(fs.readFileSync(path.join(dist, 'manifest.xml'), 'utf8')).every((u) => u.startsWith('https://intranet.example.dk/addins/trafiklys/'))).toBe(true);
    } finally {
      delete process.env.TRAFIKLYS_PUBLIC_URL;
    }
    expect(() => makeConfig({ url: 'http://addins.example.dk/' }, { mode: 'production' })).toThrow("The add-in's address must be an https:// URL");
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const dist = await build({});
      expect(fs.readFileSync(path.join(dist, 'manifest.xml'), 'utf8')).toBe(manifestSource);
      expect(fs.readFileSync(path.join(dist, 'manifest-functions.xml'), 'utf8')).toBe(fs.readFileSync(path.join(repoRoot, 'manifest-functions.xml'), 'utf8'));
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('--env url=https://'));
    } finally {
      warn.mockRestore();
    }
  }, 60_000);
});
