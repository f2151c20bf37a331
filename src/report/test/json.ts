/** `--format json` for `keycard test`: one JSON document (formats.md §4), written when the run ends. */
import { testRunView } from '../json-view.js';
import type { ReporterContext, TestReporter } from '../reporter.js';

export function jsonTestReporter(ctx: ReporterContext): TestReporter {
  return {
    onRunEnd(run) {
      ctx.out.write(`${JSON.stringify(testRunView(run, ctx.cwd), null, 2)}\n`);
    },
  };
}
