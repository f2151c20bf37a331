/**
 * `--format github` for `keycard test`: an `::error` annotation per failed expectation (at the
 * expectation's line), `::error` for scenarios that could not run, `::warning` for pending ones,
 * inside one `::group::` per scenario file. It is meant to run beside `pretty` on stdout (the
 * default on GitHub Actions): the runner calls it first, so its group opens before pretty's lines
 * of a file, and it holds a file's annotations until the group closes, so they follow them.
 */
import type { TestCaseResult } from '../../scenario/result.js';
import { displayPath } from '../../text/display-path.js';
import type { ReporterContext, TestReporter } from '../reporter.js';
import { failureDetailLines, failureLocation, relativizeText } from '../result-text.js';
import { diagnosticAnnotation } from '../github/diagnostic-annotation.js';
import { END_GROUP, annotationCommand, groupCommand, type Annotation } from '../github/workflow-commands.js';

export function githubTestReporter(ctx: ReporterContext): TestReporter {
  const { cwd } = ctx;
  const line = (text: string) => ctx.out.write(`${text}\n`);
  let currentFile: string | undefined;
  let held: string[] = [];
  const closeGroup = () => {
    for (const command of held) line(command);
    held = [];
    line(END_GROUP);
  };

  function annotations(r: TestCaseResult): Annotation[] {
    const rel = <T extends { file: string }>(loc: T | undefined) => loc && { ...loc, file: displayPath(loc.file, cwd) };
    const title = `${displayPath(r.file, cwd)} > ${r.name}`;
    switch (r.status) {
      case 'fail':
        return r.failures.map((f) => ({
          level: 'error',
          title,
          location: rel(failureLocation(f, r)),
          message: [f.message, ...failureDetailLines(f, cwd)].join('\n'),
        }));
      case 'error':
        return [
          {
            level: 'error',
            title,
            location: rel(r.location),
            message: `error[${r.error?.code ?? 'error'}]: ${r.error?.message ?? 'the scenario could not be evaluated'}`,
          },
        ];
      case 'pending':
        return [
          {
            level: 'warning',
            title,
            location: rel(r.location),
            message: ['pending: some expectations were not checked', ...(r.pendingReasons ?? []).map((t) => relativizeText(t, cwd))].join(
              '\n',
            ),
          },
        ];
      default:
        return [];
    }
  }

  return {
    onCaseResult(r) {
      if (r.file !== currentFile) {
        if (currentFile !== undefined) closeGroup();
        currentFile = r.file;
        line(groupCommand(displayPath(r.file, cwd)));
      }
      for (const a of annotations(r)) held.push(annotationCommand(a));
    },
    onRunEnd(run) {
      if (currentFile !== undefined) closeGroup();
      for (const d of run.diagnostics) line(annotationCommand(diagnosticAnnotation(d, cwd)));
    },
  };
}
