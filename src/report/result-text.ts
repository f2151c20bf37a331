/** Small text helpers shared by the human-readable reporters (pretty, junit bodies, tap, github). */
import { formatLocation, type Location } from '../diagnostics/diagnostic.js';
import type { Failure, TestCaseResult, TestRunSummary } from '../scenario/result.js';
import { displayPath } from '../text/display-path.js';

/** Expected/actual values: strings as written, anything else as compact JSON. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '(nothing)';
  return JSON.stringify(value);
}

/** `file:line:col` relative to `cwd`, or '' when there is no location. */
export function displayLocation(loc: Location | undefined, cwd: string): string {
  return loc ? formatLocation({ ...loc, file: displayPath(loc.file, cwd) }) : '';
}

/**
 * Explanation lines are free text written by the engine and may embed absolute paths; shorten
 * the ones under `cwd` so that output matches the rest of the report.
 */
export function relativizeText(text: string, cwd: string): string {
  const prefix = cwd.endsWith('/') ? cwd : `${cwd}/`;
  return text.split(prefix).join('');
}

/** The lines that describe a failure in plain text: expected, actual, then the explanation. */
export function failureDetailLines(failure: Failure, cwd: string): string[] {
  const lines = [`expected: ${formatValue(failure.expected)}`, `actual:   ${formatValue(failure.actual)}`];
  for (const line of failure.explain?.text ?? []) lines.push(relativizeText(line, cwd));
  return lines;
}

/** Where a failure points: the expectation's own line, else the scenario's. */
export function failureLocation(failure: Failure, result: TestCaseResult): Location | undefined {
  return failure.location ?? result.location;
}

/**
 * The summary line: `N passed, N failed`, then errors, pending and skipped only when non-zero.
 * The leading `N passed, N failed` is stable so that scripts can match it.
 */
export function summaryLine(s: TestRunSummary): string {
  const parts = [`${s.passed} passed`, `${s.failed} failed`];
  if (s.errors > 0) parts.push(`${s.errors} ${s.errors === 1 ? 'error' : 'errors'}`);
  if (s.pending > 0) parts.push(`${s.pending} pending`);
  if (s.skipped > 0) parts.push(`${s.skipped} skipped`);
  return parts.join(', ');
}

/**
 * Makes user-supplied text safe for one terminal line: control characters (a raw ESC could restyle
 * or rewrite the terminal) and line breaks become visible JSON-style escapes.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must be shown
  return text.replace(/[\u0000-\u0008\u000A-\u001F\u007F-\u009F]/g, (ch) => {
    if (ch === '\n') return '\\n';
    if (ch === '\r') return '\\r';
    return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
