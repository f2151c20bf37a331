/** A scenario run with optional coverage (in `result.coverage`): the shape `keycard test` consumes. */
import type { Jwks } from '../cognito/verify-user.js';
import { ExitCode } from '../diagnostics/exit-codes.js';
import { CoverageCollector } from './coverage.js';
import type { TestCaseResult, TestRunResult } from './result.js';
import { runScenarioPaths } from './run.js';

export interface CoverageRunOptions {
  filter?: string;
  onCase?: (c: TestCaseResult) => void;
  coverage?: boolean;
  threshold?: number;
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
  const below = opts.threshold !== undefined && coverage.summary.percent < opts.threshold;
  return { result, coverageExit: below ? ExitCode.Failed : ExitCode.Ok };
}
