/**
 * The exit codes of docs/spec.md §6, in a module of their own so that the program's start-up
 * (parsing flags, printing help) loads none of the commands' modules.
 *
 * @example if (failures > 0) return EXIT_FILE_ERROR;
 */
export const EXIT_OK = 0;
/** The command line cannot be run as written (§6: "2 bad usage"). */
export const EXIT_USAGE = 2;
/** A book could not be read or processed, or an output could not be written (§6: "or an unreadable file"; the same 2). */
export const EXIT_FILE_ERROR = 2;
/** `check --strict` found a row that is an error (§6). */
export const EXIT_STRICT = 3;
