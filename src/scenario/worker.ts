/** One worker thread of `keycard test --workers N` (run-parallel.ts): runs the files it is sent, one at a time. */
import { parentPort, workerData } from 'node:worker_threads';
import { FileRunner, type Finished, type FinishRequest, type RunnerSetup } from './file-runner.js';

const runner = new FileRunner(workerData as RunnerSetup);

parentPort!.on('message', (job: { index: number; file: string } | FinishRequest) => {
  if ('flush' in job) {
    void runner.finish().finally(() => parentPort!.postMessage({ flushed: true } satisfies Finished));
    return;
  }
  void runner.runFile(job.index, job.file).then((reply) => {
    try {
      parentPort!.postMessage(reply);
    } catch (e) {
      parentPort!.postMessage({ index: job.index, fatal: { message: e instanceof Error ? e.message : String(e) } });
    }
  });
});
