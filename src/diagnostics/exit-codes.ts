/** keycard's exit codes (formats.md §4). One meaning per code; never overload them. */
export const ExitCode = {
  /** Everything passed. */
  Ok: 0,
  /** A test, expectation or check failed. */
  Failed: 1,
  /** The command line was wrong. */
  Usage: 2,
  /** An input file was invalid, so evaluation was not possible. */
  InvalidInput: 3,
  /** keycard itself failed: a bug. */
  Internal: 4,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
