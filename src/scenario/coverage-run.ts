/** A scenario run with optional coverage (in `result.coverage`): the shape `keycard test` consumes. */
import type { Jwks } from '../cognito/verify-user.js';
import { ExitCode } from '../diagnostics/exit-codes.js';
import type { CoverageCollector } from './coverage.js';
import type { TestCaseResult, TestRunResult } from './result.js';
import type { WorkerCount } from './run-parallel.js';
import { runScenarioPaths } from './run.js';

export interface CoverageRunOptions {
  filter?: string;
  onCase?: (c: TestCaseResult) => void;
  coverage?: boolean;
  threshold?: number;
  verifyWith?: Jwks;
  project?: string;
  /** Worker threads (`keycard test --workers`); absent: this thread. */
  workers?: WorkerCount;
}

export async function runWithCoverage(paths: string[], opts: CoverageRunOptions): Promise<{ result: TestRunResult; coverageExit: number }> {
  // The collector's code is loaded only by runs that report coverage.
  const collector = opts.coverage ? new (await import('./coverage.js')).CoverageCollector() : undefined;
  if (opts.workers !== undefined && opts.workers !== 1) {
    const { runScenarioPathsParallel } = await import('./run-parallel.js');
    const result = await runScenarioPathsParallel(paths, {
      workers: opts.workers,
      ...(opts.filter !== undefined ? { filter: opts.filter } : {}),
      ...(opts.onCase ? { onCase: opts.onCase } : {}),
      ...(opts.verifyWith ? { verifyWith: opts.verifyWith } : {}),
      ...(opts.project ? { project: opts.project } : {}),
      ...(collector ? { collector } : {}),
    });
    return withCoverage(result, collector, opts.threshold);
  }
  const result: TestRunResult = await runScenarioPaths(paths, {
    filter: opts.filter,
    onCase: opts.onCase,
    ...(opts.verifyWith ? { verifyWith: opts.verifyWith } : {}),
    ...(opts.project ? { project: opts.project } : {}),
    ...(collector ? { observe: (s, r, session) => collector.record(s, r, session) } : {}),
  });
  return withCoverage(result, collector, opts.threshold);
}

function withCoverage(
  result: TestRunResult,
  collector: CoverageCollector | undefined,
  threshold: number | undefined,
): { result: TestRunResult; coverageExit: number } {
  if (!collector) return { result, coverageExit: ExitCode.Ok };
  const coverage = collector.report();
  result.coverage = coverage;
  const below = threshold !== undefined && coverage.summary.percent < threshold;
  return { result, coverageExit: below ? ExitCode.Failed : ExitCode.Ok };
}
