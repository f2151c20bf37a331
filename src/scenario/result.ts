/**
 * The results of `keycard test` and `keycard validate`, as data. Every reporter (pretty, json,
 * junit, tap, sarif, github) renders these same objects; the JSON reporters print them almost
 * verbatim, so the field names below are the public contract of formats.md §4: extend, never rename.
 */
import type { Diagnostic, Location } from '../diagnostics/diagnostic.js';
import { ExitCode } from '../diagnostics/exit-codes.js';
import type { CoverageReport } from './coverage.js';

type TestStatus = 'pass' | 'fail' | 'error' | 'pending' | 'skip';

/** One expectation of a scenario that did not hold. */
export interface Failure {
  /** What the scenario asked for (JSON-serialisable), e.g. `"Allow"` or a role ARN. */
  expected: unknown;
  /** What keycard computed instead (JSON-serialisable). */
  actual: unknown;
  /** One line, lowercase, no final period: which expectation failed. */
  message: string;
  /** The expectation's line in the scenario file. */
  location?: Location;
  explain?: {
    /** Human lines: which statement allowed or denied, with its file:line. */
    text: string[];
    /** The machine-readable explanation tree, passed through to JSON output. */
    json?: unknown;
  };
}

/** The outcome of one scenario. */
export interface TestCaseResult {
  /** The scenario file (absolute or relative to the working directory). */
  file: string;
  name: string;
  status: TestStatus;
  /** Where the scenario starts in its file. */
  location?: Location;
  /** Empty unless status is `fail`. */
  failures: Failure[];
  /** Set when status is `error`: the scenario could not be evaluated. */
  error?: { code: string; message: string };
  durationMs?: number;
  /** Set when status is `pending`: why some expectation could not be checked. */
  pendingReasons?: string[];
}

export interface TestRunSummary {
  passed: number;
  failed: number;
  errors: number;
  /** Never counted as passed (formats.md §4). */
  pending: number;
  skipped: number;
}

export interface TestRunResult {
  version: 1;
  summary: TestRunSummary;
  /** In run order: by file, then by position in the file. */
  results: TestCaseResult[];
  /** Findings about the inputs that belong to no single scenario (e.g. a file that failed to load). */
  diagnostics: Diagnostic[];
  /** With `--coverage`: which rules, roles and statements the scenarios exercised. */
  coverage?: CoverageReport;
}

const SUMMARY_KEY: Record<TestStatus, keyof TestRunSummary> = {
  pass: 'passed',
  fail: 'failed',
  error: 'errors',
  pending: 'pending',
  skip: 'skipped',
};

function summarizeCases(results: readonly TestCaseResult[]): TestRunSummary {
  const summary: TestRunSummary = { passed: 0, failed: 0, errors: 0, pending: 0, skipped: 0 };
  for (const r of results) summary[SUMMARY_KEY[r.status]]++;
  return summary;
}

/** Builds a TestRunResult whose summary is derived from its cases, so the two cannot disagree. */
export function testRunResult(results: TestCaseResult[], diagnostics: Diagnostic[] = []): TestRunResult {
  return { version: 1, summary: summarizeCases(results), results, diagnostics };
}

export interface TestExitOptions {
  /**
   * Succeed when no scenario ran. Off by default: an empty run usually means a wrong path or filter.
   * @default false
   */
  allowEmpty?: boolean;
}

/**
 * The exit code of a test run: 3 when run-level input errors stopped evaluation, 1 when any
 * scenario failed, errored or is pending (an unchecked expectation asserts nothing), or nothing ran.
 */
export function testRunExitCode(run: TestRunResult, opts: TestExitOptions = {}): ExitCode {
  if (run.diagnostics.some((d) => d.severity === 'error')) return ExitCode.InvalidInput;
  const { failed, errors, pending } = run.summary;
  if (failed + errors + pending > 0) return ExitCode.Failed;
  if (run.results.length === 0 && !opts.allowEmpty) return ExitCode.Failed;
  return ExitCode.Ok;
}
