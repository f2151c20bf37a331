// Preloaded by bench/scale.js into each measured CLI run (`node --import`): writes the process's
// resource usage (CPU microseconds, peak RSS in KiB) to KEYCARD_BENCH_RUSAGE when it exits.
import { writeFileSync } from 'node:fs';

const out = process.env.KEYCARD_BENCH_RUSAGE;
if (out) process.on('exit', () => writeFileSync(out, JSON.stringify(process.resourceUsage())));
