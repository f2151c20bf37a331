// Loaded with `node --import` by bench/explore.js into `keycard explore` in tmux: notes when the
// loading line and when the first full screen (the access map) are written, as milliseconds since
// the process started and CPU milliseconds, in the file KEYCARD_BENCH_FIRST_SCREEN, then ends the run.
import { appendFileSync } from 'node:fs';

const log = process.env.KEYCARD_BENCH_FIRST_SCREEN;
const write = process.stdout.write.bind(process.stdout);
const note = (what) => {
  const c = process.cpuUsage();
  appendFileSync(log, `${what} ${performance.now().toFixed(1)} ${((c.user + c.system) / 1000).toFixed(1)}\n`);
};
let loading = false;
process.stdout.write = (chunk, ...rest) => {
  const text = String(chunk);
  if (!loading && text.includes('loading')) {
    loading = true;
    note('loading');
  }
  if (/S3 access[\s\S]*GetObject/.test(text)) {
    const done = write(chunk, ...rest);
    note('full');
    process.stdout.write = write;
    setImmediate(() => process.exit(0));
    return done;
  }
  return write(chunk, ...rest);
};
