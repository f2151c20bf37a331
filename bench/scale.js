#!/usr/bin/env node
// The scale section of `npm run bench` (issue 17): generates the 1×/4×/16× projects
// (bench/scale/generate.js) in a temp directory, runs `validate`, `test`, `access` (one user) and
// `diff` (5 users) through the CLI, and prints CPU seconds (user+sys) and peak RSS of each run,
// and the growth exponent from 4× to 16× (1.0 is linear), next to the figures issue 17 quotes.
// CPU rather than wall time: the machine is shared. Asserts nothing. Long: run it alone with
// `node bench/run.js scale` (or `node bench/scale.js 1 4` for some factors only).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generate } from './scale/generate.js';

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, '..', 'bin', 'keycard.cjs');
const rusage = pathToFileURL(join(here, 'scale', 'rusage.js')).href;
const factors = process.argv.slice(2).map(Number).filter(Boolean);
const FACTORS = factors.length ? factors : [1, 4, 16];

/** Figures quoted in issue 17 (16×, before this work, on the issue's own generated project; `access` in wall seconds). */
const PREVIOUS = {
  // validate: issue 17 found it refusing the 23 MiB export; these are before the lazy lint context (farm-bench medians).
  validate: { cpu: 4.6, rss: 314, exponent: 0.63 },
  test: { cpu: 135, rss: 958, exponent: 1.7 },
  // access and diff: measured with this bench before the access map grouped targets into classes.
  access: { cpu: 21.9, rss: undefined, exponent: 1.11 },
  diff: { cpu: 232, rss: 3.1 * 1024, exponent: 1.56 },
};

const COMMANDS = {
  validate: (p) => ({ cwd: p.head, args: ['validate', '.'] }),
  test: (p) => ({ cwd: p.head, args: ['test', 'scenarios', '--format', 'json=' + join(p.head, '..', 'test.json')] }),
  access: (p) => ({ cwd: p.head, args: ['access', '--scenario', 'scenarios/users-000.yaml#1'] }),
  diff: (p) => ({ cwd: p.head, args: ['diff', 'diff', '--base', p.base] }),
};

/** Runs one command in a child and reads its resource usage (written by rusage.cjs at exit). */
function measure(cwd, args) {
  const out = join(cwd, '..', 'rusage.json');
  rmSync(out, { force: true });
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', rusage, cli, ...args], {
    cwd,
    env: { ...process.env, KEYCARD_BENCH_RUSAGE: out, NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 << 20,
  });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  let u;
  try {
    u = JSON.parse(readFileSync(out, 'utf8'));
  } catch {
    return { wall, cpu: NaN, rss: NaN, code: r.status, err: r.stderr.toString().slice(0, 400) };
  }
  return { wall, cpu: (u.userCPUTime + u.systemCPUTime) / 1e6, rss: u.maxRSS / 1024, code: r.status };
}

const root = mkdtempSync(join(tmpdir(), 'keycard-scale-'));
const results = {};
try {
  for (const f of FACTORS) {
    const p = generate(f, join(root, `${f}x`));
    console.log(
      `${String(f).padStart(2)}×: ${p.roles} roles, ${p.managed} managed policies, ${p.identityStatements} identity statements, ` +
        `${p.buckets} buckets × ${p.bucketStatements} statements, ${p.scenarios} scenarios in ${p.files} files`,
    );
    for (const [name, cmd] of Object.entries(COMMANDS)) {
      const { cwd, args } = cmd(p);
      const m = measure(cwd, args);
      (results[name] ??= {})[f] = m;
      const bad = Number.isNaN(m.cpu) ? `  FAILED (exit ${m.code}): ${m.err}` : m.code > 1 ? `  exit ${m.code}` : '';
      console.log(
        `    ${name.padEnd(9)} ${m.cpu.toFixed(2).padStart(7)} s cpu  ${m.rss.toFixed(0).padStart(5)} MiB peak  (${m.wall.toFixed(1)} s wall)${bad}`,
      );
    }
    rmSync(join(root, `${f}x`), { recursive: true, force: true });
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}

if (FACTORS.includes(4) && FACTORS.includes(16)) {
  console.log('\n  16×        cpu s   peak MiB   exponent 4×→16×   previously (16×: issue 17 figures; access and diff before this work)');
  for (const name of Object.keys(COMMANDS)) {
    const a = results[name][4];
    const b = results[name][16];
    const exp = Math.log(b.cpu / a.cpu) / Math.log(4);
    const prev = PREVIOUS[name];
    const was = [
      prev.cpu !== undefined ? `${prev.cpu} s` : '',
      prev.rss !== undefined ? `${prev.rss.toFixed(0)} MiB` : '',
      prev.exponent !== undefined ? `exponent ${prev.exponent}` : '',
      prev.note ?? '',
    ]
      .filter(Boolean)
      .join(', ');
    console.log(
      `  ${name.padEnd(9)} ${b.cpu.toFixed(2).padStart(7)}  ${b.rss.toFixed(0).padStart(9)}   ${exp.toFixed(2).padStart(15)}   ${was}`,
    );
  }
  console.log('  targets at 16×: access ≤ 3 s, diff ≤ 20 s and ≤ 1 GiB, validate ≤ 4 s, every exponent ≤ 1.1');
}
