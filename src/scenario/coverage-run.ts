/** A scenario run with optional coverage: the shape `keycard test` consumes. */
import type { Jwks } from '../cognito/verify-user.js';
import { ExitCode } from '../diagnostics/exit-codes.js';
import { CoverageCollector } from './coverage.js';
import { renderCoverage } from './coverage-text.js';
import type { TestCaseResult, TestRunResult } from './result.js';
import { runScenarioPaths } from './run.js';

export interface CoverageRunOptions {
  filter?: string;
  onCase?: (c: TestCaseResult) => void;
  coverage?: boolean;
  threshold?: number;
  /** Where the coverage text goes (default stderr, so stdout keeps one document). */
  coverageOut?: { write(s: string): unknown };
  verifyWith?: Jwks;
  project?: string;
}

export async function runWithCoverage(paths: string[], opts: CoverageRunOptions): Promise<{ result: TestRunResult; coverageExit: number }> {
  const collector = opts.coverage ? new CoverageCollector() : undefined;
  const result: TestRunResult = await runScenarioPaths(paths, {
    filter: opts.filter,
    onCase: opts.onCase,
    ...(opts.verifyWith ? { verifyWith: opts.verifyWith } : {}),
    ...(opts.project ? { project: opts.project } : {}),
    ...(collector ? { observe: (s, r, session) => collector.record(s, r, session) } : {}),
  });
  if (!collector) return { result, coverageExit: ExitCode.Ok };
  const coverage = collector.report();
  result.coverage = coverage;
  (opts.coverageOut ?? process.stderr).write(renderCoverage(coverage, opts.threshold) + '\n');
  const below = opts.threshold !== undefined && coverage.summary.percent < opts.threshold;
  return { result, coverageExit: below ? ExitCode.Failed : ExitCode.Ok };
}
