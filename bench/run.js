#!/usr/bin/env node
// `npm run bench`: every benchmark in bench/, one after another in its own process, over dist/.
// Each prints its numbers and its ratios against the peers it measures in the same run.
// Nothing here asserts on timings.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
// The scale section (bench/scale.js) is long: it runs with the others, or alone as `node bench/run.js scale`.
const benches = [
  'iam.js',
  'authorize.js',
  'access.js',
  'cedar.js',
  'import.js',
  'explore.js',
  'startup.js',
  'workers.js',
  'scale.js',
].filter((b) => existsSync(join(here, b)) && (only.length === 0 || only.some((o) => b.startsWith(o))));
console.log(`keycard benchmarks — node ${process.version}, ${process.platform}/${process.arch}, single thread`);
let failed = 0;
for (const b of benches) {
  console.log(`\n== ${b.replace(/\.js$/, '')}`);
  const r = spawnSync(process.execPath, [join(here, b)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
