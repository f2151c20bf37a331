/**
 * `--format github` for `keycard validate`: one annotation per diagnostic (error, warning, notice),
 * inside one `::group::` per file; diagnostics without a file come last, ungrouped.
 */
import { sortDiagnostics } from '../../diagnostics/diagnostic.js';
import { displayPath } from '../../text/display-path.js';
import type { ReporterContext, ValidateReporter } from '../reporter.js';
import { diagnosticAnnotation } from '../github/diagnostic-annotation.js';
import { END_GROUP, annotationCommand, groupCommand } from '../github/workflow-commands.js';

export function githubValidateReporter(ctx: ReporterContext): ValidateReporter {
  return {
    onRunEnd(result) {
      const lines: string[] = [];
      const sorted = sortDiagnostics(result.diagnostics);
      const located = sorted.filter((d) => d.location);
      let currentFile: string | undefined;
      for (const d of located) {
        if (d.location!.file !== currentFile) {
          if (currentFile !== undefined) lines.push(END_GROUP);
          currentFile = d.location!.file;
          lines.push(groupCommand(displayPath(currentFile, ctx.cwd)));
        }
        lines.push(annotationCommand(diagnosticAnnotation(d, ctx.cwd)));
      }
      if (currentFile !== undefined) lines.push(END_GROUP);
      for (const d of sorted.filter((x) => !x.location)) lines.push(annotationCommand(diagnosticAnnotation(d, ctx.cwd)));
      if (lines.length > 0) ctx.out.write(`${lines.join('\n')}\n`);
    },
  };
}
