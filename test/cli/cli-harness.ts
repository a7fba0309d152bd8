/** Runs the CLI in-process with captured streams and a fixed clock. */
import { main } from '../../src/cli/main';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** 13 October 2021, the contract's status date (docs/spec.md, Appendix A). */
export const FIXED_NOW = new Date('2021-10-13T10:00:00Z');

export async function runCli(argv: string[], options: { tty?: boolean } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: options.tty === true },
    now: () => FIXED_NOW,
  });
  return { code, stdout, stderr };
}
