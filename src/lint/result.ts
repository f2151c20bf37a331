/** The result of `keycard validate` (docs/formats.md §4). */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { ExitCode } from '../diagnostics/exit-codes.js';

export interface ValidateResult {
  version: 1;
  diagnostics: Diagnostic[];
  /** `suppressed`: findings silenced by a `# keycard-ignore` comment (validate only). */
  summary: { errors: number; warnings: number; suppressed?: number };
}

export function validateResult(diagnostics: Diagnostic[]): ValidateResult {
  return {
    version: 1,
    diagnostics,
    summary: {
      errors: diagnostics.filter((d) => d.severity === 'error').length,
      warnings: diagnostics.filter((d) => d.severity === 'warning').length,
    },
  };
}

export interface ValidateExitOptions {
  /**
   * The lowest severity that fails the check.
   * @default 'error'
   */
  failOn?: 'error' | 'warning';
}

/** 1 when a finding at or above `failOn` exists, else 0. Parse errors (exit 3) are the caller's call. */
export function validateExitCode(result: ValidateResult, opts: ValidateExitOptions = {}): ExitCode {
  const { errors, warnings } = result.summary;
  const failing = opts.failOn === 'warning' ? errors + warnings : errors;
  return failing > 0 ? ExitCode.Failed : ExitCode.Ok;
}
