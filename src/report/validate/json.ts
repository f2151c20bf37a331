/** `--format json` for `keycard validate`: one JSON document (formats.md §4). */
import { validateView } from '../json-view.js';
import type { ReporterContext, ValidateReporter } from '../reporter.js';

export function jsonValidateReporter(ctx: ReporterContext): ValidateReporter {
  return {
    onRunEnd(result) {
      ctx.out.write(`${JSON.stringify(validateView(result, ctx.cwd), null, 2)}\n`);
    },
  };
}
