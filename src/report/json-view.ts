/**
 * The JSON documents of formats.md §4. They are the result model itself with paths made relative
 * to the working directory and keys in a fixed order, so that output is diffable across machines.
 */
import { sortDiagnostics, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import type { Failure, TestCaseResult, TestRunResult } from '../scenario/result.js';
import type { ValidateResult } from '../lint/result.js';
import { displayPath } from '../text/display-path.js';
import { relativizeText } from './result-text.js';

function locationView(loc: Location | undefined, cwd: string): Location | undefined {
  return loc && { ...loc, file: displayPath(loc.file, cwd) };
}

function diagnosticView(d: Diagnostic, cwd: string): Diagnostic {
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    help: d.help,
    location: locationView(d.location, cwd),
    url: d.url,
  };
}

function failureView(f: Failure, cwd: string): Failure {
  return {
    expected: f.expected,
    actual: f.actual,
    message: f.message,
    location: locationView(f.location, cwd),
    explain: f.explain && { text: f.explain.text.map((t) => relativizeText(t, cwd)), json: f.explain.json },
  };
}

function caseView(r: TestCaseResult, cwd: string): TestCaseResult {
  return {
    file: displayPath(r.file, cwd),
    name: r.name,
    status: r.status,
    location: locationView(r.location, cwd),
    failures: r.failures.map((f) => failureView(f, cwd)),
    error: r.error,
    durationMs: r.durationMs,
    pendingReasons: r.pendingReasons,
  };
}

/** `keycard test --format json`. Undefined fields vanish in JSON.stringify. */
export function testRunView(run: TestRunResult, cwd: string): TestRunResult {
  return {
    version: 1,
    summary: { ...run.summary },
    results: run.results.map((r) => caseView(r, cwd)),
    diagnostics: sortDiagnostics(run.diagnostics).map((d) => diagnosticView(d, cwd)),
    ...(run.coverage
      ? { coverage: { ...run.coverage, items: run.coverage.items.map((i) => ({ ...i, location: locationView(i.location, cwd) })) } }
      : {}),
  };
}

/** `keycard validate --format json`. */
export function validateView(result: ValidateResult, cwd: string): ValidateResult {
  return {
    version: 1,
    diagnostics: sortDiagnostics(result.diagnostics).map((d) => diagnosticView(d, cwd)),
    summary: { ...result.summary },
  };
}

/**
 * The JSON text of the other commands' documents (resolve, can, authorize, access, diff): every
 * path under the working directory made relative, as in `test` and `validate`.
 */
export function jsonText(value: unknown, indent?: number, cwd: string = process.cwd()): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? relativizeText(v, cwd) : v), indent);
}
