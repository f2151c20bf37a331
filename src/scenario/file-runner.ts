/**
 * Runs scenario files one at a time for `keycard test --workers N` (run-parallel.ts), on a worker
 * thread (worker.ts) or on the main thread beside them: one project cache and one coverage
 * collector for its whole life, and each file's cases, diagnostics and coverage events as data.
 */
import { KeycardInputError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { inputFilesRead } from '../load/confine.js';
import { flushAppAnswers } from './app-lines.js';
import { CoverageCollector, type CoverageEvent } from './coverage.js';
import type { TestCaseResult } from './result.js';
import { newRunState, runScenarioFile, type RunOptions } from './run.js';

/** The outcome of one file. */
export interface FileOutcome {
  index: number;
  results: TestCaseResult[];
  loadDiagnostics: Diagnostic[];
  sessionDiagnostics: Diagnostic[];
  coverage: CoverageEvent[];
  /** Files read as input while running it (they get code frames under errors: load/confine.ts). */
  inputFiles: string[];
}

/** What a runner is set up with. */
export interface RunnerSetup {
  filter?: string;
  project?: string;
  verifyWith?: RunOptions['verifyWith'];
  coverage: boolean;
}

export type FileReply = FileOutcome | { index: number; fatal: { message: string; diagnostics?: Diagnostic[] } };

/** The end of a run: a worker writes what its thread added to the caches ({flush: true}), then answers {flushed: true}. */
export type FinishRequest = { flush: true };
export type Finished = { flushed: true };

export class FileRunner {
  private readonly run = newRunState();
  private events: CoverageEvent[] = [];
  private readonly collector: CoverageCollector | undefined;

  constructor(private readonly setup: RunnerSetup) {
    this.collector = setup.coverage ? new CoverageCollector((e) => this.events.push(e)) : undefined;
  }

  async runFile(index: number, file: string): Promise<FileReply> {
    const outcome: FileOutcome = { index, results: [], loadDiagnostics: [], sessionDiagnostics: [], coverage: [], inputFiles: [] };
    const read = inputFilesRead().length;
    this.events = outcome.coverage;
    const { setup, collector, run } = this;
    const start = run.results.length;
    try {
      await runScenarioFile(file, run, {
        ...(setup.filter !== undefined ? { filter: setup.filter } : {}),
        ...(setup.project !== undefined ? { project: setup.project } : {}),
        ...(setup.verifyWith ? { verifyWith: setup.verifyWith } : {}),
        ...(collector ? { observe: (s, r, session) => collector.record(s, r, session) } : {}),
        onLoadDiagnostic: (d: Diagnostic) => outcome.loadDiagnostics.push(d),
        onSessionDiagnostic: (d: Diagnostic) => outcome.sessionDiagnostics.push(d),
      });
    } catch (e) {
      if (e instanceof KeycardInputError) return { index, fatal: { message: e.message, diagnostics: e.diagnostics } };
      return { index, fatal: { message: e instanceof Error ? e.message : String(e) } };
    }
    outcome.results = run.results.splice(start);
    outcome.inputFiles = inputFilesRead(read);
    run.diagnostics.length = 0; // kept per file in the outcome; the runner keeps only `reported`
    return outcome;
  }

  /** At the end of the run: writes the Cedar answers this thread added (decision-cache.ts), once. */
  async finish(): Promise<void> {
    await flushAppAnswers();
  }
}
