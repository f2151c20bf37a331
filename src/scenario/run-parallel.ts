/**
 * `keycard test --workers N`: the scenario files run on worker threads (worker.ts), each worker
 * loading a project once and keeping it for every file it runs. Files are handed out one at a
 * time in order; their outcomes are merged back in file order, so the cases (and the `onCase`
 * stream the reporters print), the diagnostics (each session diagnostic once, where a run on one
 * thread first reports it) and the coverage (replayed events) are those of a run on one thread.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { KeycardInputError } from '../diagnostics/diagnostic.js';
import { markInputFile } from '../load/confine.js';
import { findScenarioFiles } from '../load/scenario.js';
import { beforeWebAssembly } from '../load/wasm-tier.js';
import type { CoverageCollector } from './coverage.js';
import { FileRunner, type FileOutcome, type FileReply, type Finished, type FinishRequest, type RunnerSetup } from './file-runner.js';
import type { TestRunResult } from './result.js';
import { testRunResult } from './result.js';
import { newRunState, runScenarioPaths, sessionDiagnosticKey, type RunOptions } from './run.js';

/**
 * Threads for a run: 1 unless `--workers N` asks for more. Measured on this project's 2-core machine
 * (bench/workers.js, bench/scale): 2 threads gained 3–4% wall time on 1,408–5,632 scenarios and
 * nothing at 16× (10,000 scenarios), for 30% more CPU and 40% more memory, since each thread builds
 * the project and its sessions again. So no default turns them on.
 */
export type WorkerCount = number;

const WORKER_FILE = fileURLToPath(new URL('./worker.js', import.meta.url));

/** Whether this build can start worker threads (not when run from the TypeScript sources, as in tests). */
export function workersAvailable(): boolean {
  return existsSync(WORKER_FILE);
}

/** The number of threads a run of these files gets. */
export function workerCount(files: string[], requested: WorkerCount): number {
  if (!workersAvailable()) return 1;
  return Math.max(1, Math.min(requested, files.length));
}

/** `runScenarioPaths` on worker threads; `collector` receives the coverage. One thread: the plain run. */
export async function runScenarioPathsParallel(
  paths: string[],
  opts: Omit<RunOptions, 'observe' | 'cache'> & { workers: WorkerCount; collector?: CoverageCollector },
): Promise<TestRunResult> {
  const files = findScenarioFiles(paths);
  const n = workerCount(files, opts.workers);
  const { collector } = opts;
  if (n <= 1) {
    return runScenarioPaths(paths, {
      ...opts,
      ...(collector ? { observe: (s, r, session) => collector.record(s, r, session) } : {}),
    });
  }
  const run = newRunState();
  const setup: RunnerSetup = {
    coverage: collector !== undefined,
    ...(opts.filter !== undefined ? { filter: opts.filter } : {}),
    ...(opts.project !== undefined ? { project: opts.project } : {}),
    ...(opts.verifyWith ? { verifyWith: opts.verifyWith } : {}),
  };
  const pending = new Map<number, FileOutcome>();
  let merged = 0;
  const merge = (o: FileOutcome) => {
    pending.set(o.index, o);
    for (let next = pending.get(merged); next !== undefined; next = pending.get(merged)) {
      pending.delete(merged++);
      for (const r of next.results) {
        run.results.push(r);
        opts.onCase?.(r);
      }
      run.diagnostics.push(...next.loadDiagnostics);
      for (const d of next.sessionDiagnostics) {
        const key = sessionDiagnosticKey(d);
        if (run.reported.has(key)) continue;
        run.reported.add(key);
        run.diagnostics.push(d);
      }
      for (const e of next.coverage) collector?.replay(e);
      for (const f of next.inputFiles) markInputFile(f);
    }
  };
  // N-way: the main thread runs files too, beside N - 1 workers (it has keycard loaded already).
  const workers: Worker[] = [];
  const local = new FileRunner(setup);
  let failed = false;
  try {
    await new Promise<void>((resolve, reject) => {
      let handedOut = 0;
      const fail = (e: unknown) => {
        failed = true;
        reject(e);
      };
      const receive = (reply: FileReply): boolean => {
        if ('fatal' in reply) {
          const f = reply.fatal;
          fail(f.diagnostics ? new KeycardInputError(f.diagnostics) : new Error(f.message));
          return false;
        }
        merge(reply);
        if (merged === files.length) resolve();
        return merged < files.length;
      };
      const handOut = (w: Worker) => {
        if (handedOut < files.length && !failed) {
          const index = handedOut++;
          w.postMessage({ index, file: files[index] });
        }
      };
      // V8's flags are the process's: a worker may compile Cedar, and cannot see the CLI's request,
      // so the flag is set here (and the run counts as one that compiles, for the code cache's entry).
      beforeWebAssembly();
      for (let i = 0; i < n - 1; i++) {
        const w = new Worker(WORKER_FILE, { workerData: setup });
        workers.push(w);
        w.on('message', (reply: FileReply | Finished) => {
          if (!('flushed' in reply) && receive(reply)) handOut(w);
        });
        w.on('error', fail);
        w.on('exit', (code) => {
          if (merged < files.length) fail(new Error(`a worker thread stopped (exit code ${code}) before the run finished`));
        });
        handOut(w);
      }
      void (async () => {
        while (handedOut < files.length && !failed) {
          const index = handedOut++;
          if (!receive(await local.runFile(index, files[index]!))) return;
          await new Promise((r) => setImmediate(r)); // let the workers' replies in
        }
      })().catch(fail);
    });
    // Each thread writes the Cedar answers it added, once, at the end (decision-cache.ts).
    await Promise.all([local.finish(), ...workers.map(finishWorker)]);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return testRunResult(run.results, run.diagnostics);
}

/** Asks a worker to finish (FileRunner.finish); resolves when it has, or when it stopped. */
function finishWorker(w: Worker): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      w.off('message', onMessage);
      w.off('exit', done);
      resolve();
    };
    const onMessage = (m: FileReply | Finished) => {
      if ('flushed' in m) done();
    };
    w.on('message', onMessage);
    w.on('exit', done);
    w.postMessage({ flush: true } satisfies FinishRequest);
  });
}
