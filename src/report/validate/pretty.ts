/**
 * `--format pretty` for `keycard validate`: every diagnostic with its code frame and help
 * (renderDiagnostics), then a last line that counts them, e.g. `1 error, 2 warnings`.
 */
import { paint } from '../../text/color.js';
import { renderDiagnostics } from '../diagnostic-text.js';
import type { ReporterContext, ValidateReporter } from '../reporter.js';
import { plural } from '../result-text.js';

export function prettyValidateReporter(ctx: ReporterContext): ValidateReporter {
  const { color, cwd } = ctx;
  return {
    onRunEnd(result) {
      const { errors, warnings } = result.summary;
      // A CI log is read in full, so nothing is capped here (the one-screen cap is for errors that abort).
      if (result.diagnostics.length > 0) ctx.out.write(`${renderDiagnostics(result.diagnostics, { color, cwd, max: Infinity })}\n\n`);
      const summary = errors + warnings === 0 ? 'no problems found' : `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
      ctx.out.write(`${paint(summary, errors > 0 ? 'red' : warnings > 0 ? 'yellow' : 'green', color)}\n`);
    },
  };
}
