#!/usr/bin/env node
// `keycard test --workers N` against one thread: suites of F scenario files (copies of the bundled
// example's scenarios, 11 each) run both ways in paired, alternating runs; medians of wall time
// and of CPU time (the children's user + system), and the ratio. Prints numbers; asserts nothing.
// Usage: node bench/workers.js [files...]   (default: 8 32 128)
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'bin', 'keycard.cjs');
const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

/** A copy of the example project with `files` copies of its scenario file; returns the scenario directory. */
export function makeSuite(dir, files) {
  mkdirSync(join(dir, 'scenarios'), { recursive: true });
  cpSync(join(root, 'keycard.yaml'), join(dir, 'keycard.yaml'));
  cpSync(join(root, 'policies'), join(dir, 'policies'), { recursive: true });
  const text = readFileSync(join(root, 'scenarios', 'photos.yaml'), 'utf8');
  for (let i = 0; i < files; i++) writeFileSync(join(dir, 'scenarios', `s${String(i).padStart(4, '0')}.yaml`), text);
  return join(dir, 'scenarios');
}

function once(dir, workers) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/bin/sh', ['-c', `"${process.execPath}" "${cli}" test "${dir}" --workers ${workers} > /dev/null; times`], {
    encoding: 'utf8',
  });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  // `times` prints the shell's and then its children's user/system times: `0m1.234s 0m0.100s`.
  const lines = r.stdout.trim().split('\n');
  const secs = (s) => {
    const m = /(\d+)m([\d.]+)s/.exec(s);
    return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  };
  const [u, s] = lines[lines.length - 1].split(/\s+/);
  return { wall, cpu: secs(u) + secs(s) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const base = mkdtempSync(join(tmpdir(), 'keycard-bench-workers-'));
  try {
    console.log(`keycard test on F files of 11 scenarios: --workers 1 vs --workers 2, ${ROUNDS} paired rounds, medians`);
    for (const files of sizes.length ? sizes : [8, 32, 128]) {
      const dir = makeSuite(join(base, `f${files}`), files);
      const one = [];
      const two = [];
      for (let i = 0; i < ROUNDS; i++) {
        one.push(once(dir, 1));
        two.push(once(dir, 2));
      }
      const w1 = median(one.map((x) => x.wall));
      const w2 = median(two.map((x) => x.wall));
      const c1 = median(one.map((x) => x.cpu));
      const c2 = median(two.map((x) => x.cpu));
      console.log(
        `${String(files).padStart(4)} files (${files * 11} scenarios)   1 worker ${w1.toFixed(2)} s wall ${c1.toFixed(2)} s cpu   2 workers ${w2.toFixed(2)} s wall ${c2.toFixed(2)} s cpu   wall ratio ${(w1 / w2).toFixed(2)}x`,
      );
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}
