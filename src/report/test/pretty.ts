/**
 * `--format pretty` for `keycard test`: streams one ✓/✗ line per scenario, grouped under its file,
 * with every failure's expected vs actual, location and explanation right below it. The last line
 * is always the summary (`N passed, N failed`, ...), so that it is what a CI log shows last.
 */
import type { TestCaseResult } from '../../scenario/result.js';
import { paint, type Style } from '../../text/color.js';
import { renderDiagnostics } from '../diagnostic-text.js';
import { displayPath } from '../../text/display-path.js';
import type { ReporterContext, TestReporter } from '../reporter.js';
import { displayLocation, failureDetailLines, failureLocation, printable, relativizeText, summaryLine } from '../result-text.js';

const MARK: Record<TestCaseResult['status'], [string, Style]> = {
  pass: ['✓', 'green'],
  fail: ['✗', 'red'],
  error: ['✗', 'red'],
  pending: ['○', 'yellow'],
  skip: ['↓', 'dim'],
};

export function prettyTestReporter(ctx: ReporterContext): TestReporter {
  const { cwd, color } = ctx;
  const line = (text = '') => ctx.out.write(`${text}\n`);
  let currentFile: string | undefined;
  let totalMs = 0;

  function caseLines(r: TestCaseResult): void {
    const [mark, style] = MARK[r.status];
    const label =
      r.status === 'pending' || r.status === 'skip' ? paint(` (${r.status === 'skip' ? 'skipped' : 'pending'})`, style, color) : '';
    const time = ctx.timings && r.durationMs !== undefined ? paint(` ${Math.round(r.durationMs)}ms`, 'dim', color) : '';
    line(`  ${paint(mark, style, color)} ${printable(r.name)}${label}${time}`);

    const at = (loc: string) => (loc ? line(paint(`        at ${loc}`, 'dim', color)) : undefined);
    for (const f of r.failures) {
      line(`      ${paint('✗', 'red', color)} ${printable(f.message)}`);
      at(displayLocation(failureLocation(f, r), cwd));
      for (const detail of failureDetailLines(f, cwd)) line(`        ${printable(detail)}`);
    }
    if (r.error) {
      line(`      ${paint(`error[${printable(r.error.code)}]`, 'red', color)}: ${printable(r.error.message)}`);
      at(displayLocation(r.location, cwd));
    }
    for (const reason of r.pendingReasons ?? [])
      line(`      ${paint('not checked:', 'yellow', color)} ${printable(relativizeText(reason, cwd))}`);
  }

  return {
    onCaseResult(r) {
      if (r.file !== currentFile) {
        if (currentFile !== undefined) line();
        currentFile = r.file;
        line(paint(displayPath(r.file, cwd), 'bold', color));
      }
      totalMs += r.durationMs ?? 0;
      caseLines(r);
    },
    onRunEnd(run) {
      if (run.diagnostics.length > 0) {
        line();
        line(renderDiagnostics(run.diagnostics, { color, cwd, max: Infinity }));
      }
      line();
      if (ctx.timings) line(paint(`Duration ${Math.round(totalMs)}ms`, 'dim', color));
      const s = run.summary;
      const text = summaryLine(s);
      line(paint(text, s.failed + s.errors > 0 ? 'red' : s.pending > 0 ? 'yellow' : 'green', color));
    },
  };
}
