/**
 * The reporter plug-in contract (Vitest style). A reporter is built per run by its factory and
 * receives optional lifecycle hooks. Streaming reporters (pretty, github) write in
 * `onCaseResult`; buffering ones (json, junit, tap, sarif) write everything in `onRunEnd`.
 * Both kinds see the same result model (src/scenario/result.ts).
 */
import type { TestCaseResult, TestRunResult } from '../scenario/result.js';
import type { ValidateResult } from '../lint/result.js';

/** Where a reporter writes. The runner decides whether that is stdout or a file. */
interface ReportSink {
  write(text: string): void;
}

export interface ReporterContext {
  out: ReportSink;
  /** Paths in the output are shown relative to this directory. */
  cwd: string;
  /** Whether ANSI colour is allowed (only ever true for a terminal on stdout). */
  color: boolean;
  /** Show durations in human output. Off by default so that output is deterministic. */
  timings: boolean;
  /** keycard's version, for formats that name the tool (SARIF). */
  toolVersion?: string;
  env: Readonly<Record<string, string | undefined>>;
}

export interface RunStart {
  /** The scenario files about to run, when known. */
  files?: readonly string[];
}

export interface RunEnd {
  /** The exit code the command is about to return (SARIF records it). */
  exitCode: number;
}

/** Every hook is optional: a reporter implements only what it needs. */
export interface Reporter<TResult, TCase = never> {
  onRunStart?(start: RunStart): void;
  /** Called once per case, in run order, as soon as the case has finished. */
  onCaseResult?(result: TCase): void;
  onRunEnd?(result: TResult, end: RunEnd): void;
}

export type TestReporter = Reporter<TestRunResult, TestCaseResult>;
export type ValidateReporter = Reporter<ValidateResult>;

type ReporterFactory<R> = (ctx: ReporterContext) => R;

/** A registry keyed by format name, as given to `--format`. */
export type ReportersMap<N extends string, R> = Record<N, ReporterFactory<R>>;
