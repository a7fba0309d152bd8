import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.join(__dirname, '../..');

describe('bin/trafiklys.js', () => {
  it('runs the built CLI: --help prints the usage and exits 0', () => {
    execFileSync('npm', ['run', '--silent', 'build:cli'], { cwd: ROOT, stdio: 'pipe' });
    const help = execFileSync(process.execPath, ['bin/trafiklys.js', '--help'], { cwd: ROOT, encoding: 'utf8' });
    expect(help).toContain('Usage: trafiklys [options] [command]');
    expect(help).toContain('recalc [options] <books...>');
  });
});
