/**
 * LibreOffice headless, shared by the differential test that has it read what `recalc` writes
 * (test/xlsx/libreoffice-reader.test.ts) and the bench that races it (bench/libreoffice-bench.ts):
 * find `soffice`, give it a private profile, and run one batch conversion under a time limit.
 *
 * A private profile (`-env:UserInstallation`) keeps each run away from the user's LibreOffice and
 * from any other soffice running: a second soffice on the same profile hands its files to the
 * first and returns at once. One soffice converts many files in one call, which is far cheaper
 * than one call a file (each start is about a second).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** What to run where LibreOffice is missing (Debian's package, 7.4 or later; `.ci/run` installs it). */
export const INSTALL_LIBREOFFICE = 'apt-get install -y libreoffice-calc';

/**
 * `soffice` from TRAFIKLYS_SOFFICE or the PATH; null when LibreOffice is not installed.
 *
 * @example const soffice = findSoffice(); // '/usr/bin/soffice'
 */
export function findSoffice(): string | null {
  const candidates = [process.env.TRAFIKLYS_SOFFICE, ...(process.env.PATH ?? '').split(path.delimiter).map((d) => path.join(d, 'soffice'))];
  return candidates.find((c): c is string => Boolean(c) && existsSync(c!)) ?? null;
}

/**
 * `soffice`, or an error that says how to install it: a test that needs LibreOffice fails, it never skips.
 *
 * @example const soffice = requireSoffice();
 */
export function requireSoffice(): string {
  const soffice = findSoffice();
  if (!soffice) throw new Error(`LibreOffice is needed and was not found (no soffice on the PATH, TRAFIKLYS_SOFFICE not set): ${INSTALL_LIBREOFFICE}`);
  return soffice;
}

/**
 * A private LibreOffice profile in `dir` that recalculates every .xlsx and .ods on load
 * (`OOXMLRecalcMode`/`ODFRecalcMode` 0, "always"): by default it trusts the cached values, and a
 * workbook asking for a full calculation on load (`fullCalcOnLoad`) would be read differently
 * from one that does not. Nor does it draw a thumbnail into each .ods it saves (a third of the
 * time of a batch conversion to .ods). Returns the profile's URL for {@link libreOfficeConvertArgs}.
 *
 * @example const profile = writeLibreOfficeProfile('/tmp/x/profile'); // 'file:///tmp/x/profile'
 */
export function writeLibreOfficeProfile(dir: string): string {
  mkdirSync(path.join(dir, 'user'), { recursive: true });
  writeFileSync(
    path.join(dir, 'user', 'registrymodifications.xcu'),
    '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n' +
      '<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>\n' +
      '<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>\n' +
      '<item oor:path="/org.openoffice.Office.Common/Save/Document"><prop oor:name="GenerateThumbnail" oor:op="fuse"><value>false</value></prop></item>\n</oor:items>\n',
  );
  return pathToFileURL(dir).href;
}

/**
 * The arguments of one headless batch conversion of `files` to `format` (`xlsx`, `ods`, or a CSV
 * filter string) into `outDir`.
 *
 * @example spawn(soffice, libreOfficeConvertArgs(profile, 'ods', 'out', ['a.xlsx', 'b.xlsx']))
 */
export function libreOfficeConvertArgs(profile: string, format: string, outDir: string, files: readonly string[]): string[] {
  return [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', format, '--outdir', outDir, ...files];
}

/**
 * LibreOffice 7.4's CSV export of every sheet of a workbook, each to `NAME-SHEET.csv`: comma,
 * double quote, UTF-8, and (token 12) sheet `-1`, all sheets. `shown` writes each cell as
 * LibreOffice displays it (number formats applied); `formulas` writes a formula cell's formula
 * instead of its result.
 *
 * @example csvFilter({ shown: true, formulas: false })
 */
export function csvFilter(options: { shown: boolean; formulas: boolean }): string {
  return `csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,${options.shown},${options.formulas},false,-1`;
}

export interface ConvertOptions {
  soffice: string;
  /** From {@link writeLibreOfficeProfile}; no other soffice may use it at the same time. */
  profile: string;
  format: string;
  outDir: string;
  files: readonly string[];
  /** soffice is killed (its whole process group) and the promise rejected after this long. */
  timeoutMs: number;
}

export interface ConvertRun {
  /** One `convert … using filter` line per file, and for CSV one `Writing sheet S -> FILE` line per sheet. */
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * Runs one batch conversion. Rejects, naming the time limit, when soffice is still running at
 * `timeoutMs` (it is killed), and with its output when it exits with a failure. A file
 * LibreOffice cannot load is not a failure of the run: it simply has no output, which the caller
 * checks file by file.
 *
 * @example await convertWithLibreOffice({ soffice, profile, format: 'ods', outDir, files, timeoutMs: 60_000 })
 */
export function convertWithLibreOffice(options: ConvertOptions): Promise<ConvertRun> {
  const start = performance.now();
  mkdirSync(options.outDir, { recursive: true });
  return new Promise((resolve, reject) => {
    // Its own process group: soffice is a script that starts oosplash and soffice.bin, and all of them must go.
    const child = spawn(options.soffice, libreOfficeConvertArgs(options.profile, options.format, options.outDir, options.files), { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot start ${options.soffice} (${error.message}): ${INSTALL_LIBREOFFICE}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const ms = performance.now() - start;
      const what = `soffice --convert-to ${options.format.split(':')[0]} of ${options.files.length} file(s)`;
      if (timedOut) reject(new Error(`${what} did not finish within ${options.timeoutMs / 1000} s; killed it`));
      else if (code !== 0) reject(new Error(`${what} failed (exit ${code ?? signal}): ${`${stdout}\n${stderr}`.trim().split('\n').slice(-5).join(' / ')}`));
      else resolve({ stdout, stderr, ms });
    });
  });
}
