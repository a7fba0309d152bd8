import type { XlsxFileSystem } from '../xlsx';

/** A text sink: `process.stdout` fits, and so does a test's string collector. */
export interface CliWritable {
  write(text: string): unknown;
  /** A progress bar is drawn only on a terminal. */
  isTTY?: boolean;
}

/**
 * Everything the CLI takes from its surroundings, injectable so tests run it in-process:
 * output streams, the clock (passed to the engine, which never reads it) and the file system.
 */
export interface CliIo {
  stdout: CliWritable;
  stderr: CliWritable;
  now: () => Date;
  fs?: XlsxFileSystem;
}

/** The real process streams and clock; the only place `process` is read. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, now: () => new Date() };
}
