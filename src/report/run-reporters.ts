/**
 * Runs the selected reporters over one run: builds each from the registry with its own sink
 * (stdout, or a buffer written to its file at the end, parent directories created), fans the
 * lifecycle hooks out, and writes the files. Colour only ever goes to a terminal on stdout.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { KeycardUsageError } from '../diagnostics/diagnostic.js';
import type { TestCaseResult, TestRunResult } from '../scenario/result.js';
import type { ValidateResult } from '../lint/result.js';
import { colorEnabled } from '../text/color.js';
import type { FormatSelection } from './formats.js';
import { TEST_REPORTERS, VALIDATE_REPORTERS, type TestFormatName, type ValidateFormatName } from './registry.js';
import type { Reporter, ReporterContext, ReportersMap, RunEnd, RunStart } from './reporter.js';
import { stdout as standardOutput } from '../text/stdio.js';

export interface ReportOptions {
  /** @default process.cwd() */
  cwd?: string;
  /** @default the CLI's standard output (text/stdio.ts) */
  stdout?: { write(text: string): unknown; isTTY?: boolean };
  /** Colour on stdout. @default colorEnabled(stdout): a TTY, unless NO_COLOR is set */
  color?: boolean;
  /** Show durations in human output. @default false */
  timings?: boolean;
  /** keycard's version, recorded by SARIF. */
  toolVersion?: string;
  /** @default process.env */
  env?: Readonly<Record<string, string | undefined>>;
}

/** The reporters of one run, opened together; call the hooks as the run progresses. */
export interface ReporterSession<TResult, TCase> {
  onRunStart(start?: RunStart): void;
  onCaseResult(result: TCase): void;
  /** Ends the run for every reporter and writes the report files; resolves to the files written. */
  finish(result: TResult, end: RunEnd): Promise<string[]>;
}

// `github` group markers must come before pretty's lines for the same case, so that each
// file's group folds the pretty output of that file.
const STDOUT_ORDER: Record<string, number> = { github: 0 };

export function openReporters<N extends string, TResult, TCase>(
  selections: readonly FormatSelection<N>[],
  registry: ReportersMap<N, Reporter<TResult, TCase>>,
  options: ReportOptions = {},
): ReporterSession<TResult, TCase> {
  const cwd = options.cwd ?? process.cwd();
  const stdout = options.stdout ?? standardOutput;
  const env = options.env ?? process.env;
  const files: { path: string; chunks: string[] }[] = [];
  const ordered = [...selections].sort((a, b) => (STDOUT_ORDER[a.name] ?? 1) - (STDOUT_ORDER[b.name] ?? 1));

  const reporters = ordered.map((selection) => {
    const base = { cwd, timings: options.timings ?? false, toolVersion: options.toolVersion, env };
    let ctx: ReporterContext;
    if (selection.path === undefined) {
      ctx = { ...base, color: options.color ?? colorEnabled(stdout), out: { write: (text) => void stdout.write(text) } };
    } else {
      const file = { path: resolve(cwd, selection.path), chunks: [] as string[] };
      files.push(file);
      ctx = { ...base, color: false, out: { write: (text) => void file.chunks.push(text) } };
    }
    return registry[selection.name](ctx);
  });

  return {
    onRunStart(start = {}) {
      for (const r of reporters) r.onRunStart?.(start);
    },
    onCaseResult(result) {
      for (const r of reporters) r.onCaseResult?.(result);
    },
    async finish(result, end) {
      for (const r of reporters) r.onRunEnd?.(result, end);
      for (const file of files) {
        try {
          await mkdir(dirname(file.path), { recursive: true });
          await writeFile(file.path, file.chunks.join(''), 'utf8');
        } catch (e) {
          throw new KeycardUsageError(
            `cannot write report \`${file.path}\`: ${e instanceof Error ? e.message : String(e)}`,
            'check that the directory is writable',
          );
        }
      }
      return files.map((f) => f.path);
    },
  };
}

/** Runs reporters over a finished run, replaying its cases through `onCaseResult`. */
async function runReporters<N extends string, TResult, TCase>(
  selections: readonly FormatSelection<N>[],
  registry: ReportersMap<N, Reporter<TResult, TCase>>,
  run: { result: TResult; cases?: readonly TCase[]; exitCode: number },
  options: ReportOptions = {},
): Promise<string[]> {
  const session = openReporters(selections, registry, options);
  session.onRunStart();
  for (const c of run.cases ?? []) session.onCaseResult(c);
  return session.finish(run.result, { exitCode: run.exitCode });
}

/** `keycard test`: report a finished run with the test reporters. */
export function reportTestRun(
  selections: readonly FormatSelection<TestFormatName>[],
  result: TestRunResult,
  exitCode: number,
  options?: ReportOptions,
): Promise<string[]> {
  return runReporters<TestFormatName, TestRunResult, TestCaseResult>(
    selections,
    TEST_REPORTERS,
    { result, cases: result.results, exitCode },
    options,
  );
}

/** `keycard validate`: report diagnostics with the validate reporters. */
export function reportValidate(
  selections: readonly FormatSelection<ValidateFormatName>[],
  result: ValidateResult,
  exitCode: number,
  options?: ReportOptions,
): Promise<string[]> {
  return runReporters<ValidateFormatName, ValidateResult, never>(selections, VALIDATE_REPORTERS, { result, exitCode }, options);
}
