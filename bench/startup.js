#!/usr/bin/env node
// Start-up, over dist/ and bin/: keycard's commands on the bundled example against `node -e 0`,
// run in pairs (A B A B ...) so the ratio holds while the machine's speed drifts; medians of
// wall time and of CPU time (the children's user + system, from /proc, Linux only). Then the
// explorer's time to a full screen in tmux, the built-in modules a run loads, the CommonJS bundle
// and its code cache, and where module loading goes, per package and per file of keycard. Prints
// figures and ratios; asserts nothing.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin/keycard.cjs');
const RUNS = Number(process.env.BENCH_RUNS ?? 11);
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

if (process.argv[2] === '--measure-load') {
  await measureLoad(process.argv[3]);
  process.exit(0);
}

const temp = mkdtempSync(join(tmpdir(), 'keycard-bench-startup-'));
// Removed however the bench ends (a failed tmux start used to leave it behind).
process.on('exit', () => rmSync(temp, { recursive: true, force: true }));
const cache = join(temp, 'cache');
const ticks = 100; // USER_HZ: /proc reports children's CPU in 1/100 s on Linux
/** CPU seconds of this process's waited-for children so far (undefined off Linux). */
function childCpu() {
  try {
    const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(f[13]) + Number(f[14])) / ticks;
  } catch {
    return undefined;
  }
}
function timed(cmd, args, env = {}) {
  const c0 = childCpu();
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, env: { ...process.env, CI: 'true', NO_COLOR: '1', ...env }, stdio: 'ignore' });
  const wall = (performance.now() - t0) / 1000;
  const c1 = childCpu();
  return { wall, cpu: c0 === undefined ? undefined : c1 - c0, status: r.status };
}

// The cache directory holds the Cedar checks, the YAML files and V8's code cache (docs/ARCHITECTURE.md,
// "Start-up"): two warm-up runs fill it (the first keeps the YAML files, the second the code).
const commands = [
  ['keycard --version', ['--version'], { KEYCARD_CACHE_DIR: cache }],
  ['keycard resolve (an editor)', ['resolve', '--scenario', 'scenarios/photos.yaml#editors'], { KEYCARD_CACHE_DIR: cache }],
  ['keycard resolve (no cache)', ['resolve', '--scenario', 'scenarios/photos.yaml#editors'], { KEYCARD_CACHE_DIR: 'off' }],
  ['keycard test (cache warm)', ['test'], { KEYCARD_CACHE_DIR: cache }],
  ['keycard test (no cache: Cedar checks run)', ['test'], { KEYCARD_CACHE_DIR: 'off' }],
  ['keycard validate', ['validate'], { KEYCARD_CACHE_DIR: cache }],
];
console.log(`load average ${loadavg()[0].toFixed(1)}; ${RUNS} paired runs each against \`node -e 0\` (BENCH_RUNS)`);
const baseline = [];
for (const [label, args, env] of commands) {
  for (let i = 0; i < 2; i++) timed(process.execPath, [BIN, ...args], env); // warm-up: file cache, keycard's cache
  const a = [];
  const b = [];
  for (let i = 0; i < RUNS; i++) {
    b.push(timed(process.execPath, ['-e', '0']));
    a.push(timed(process.execPath, [BIN, ...args], env));
  }
  baseline.push(...b);
  const wallRatio = median(a.map((x, i) => x.wall / b[i].wall));
  const cpu =
    a[0].cpu === undefined
      ? ''
      : `, CPU ${median(a.map((x) => x.cpu)).toFixed(2)} s = ${(median(a.map((x) => x.cpu)) / median(b.map((x) => x.cpu))).toFixed(2)}×`;
  console.log(
    `${label.padEnd(44)} wall ${median(a.map((x) => x.wall)).toFixed(3)} s = ${wallRatio.toFixed(2)}× node -e 0${cpu}${a.some((x) => x.status !== 0) ? '  (exit ≠ 0!)' : ''}`,
  );
}
const b0 = median(baseline.map((x) => x.wall));
console.log(
  `${'node -e 0'.padEnd(44)} wall ${b0.toFixed(3)} s${baseline[0].cpu === undefined ? '' : `, CPU ${median(baseline.map((x) => x.cpu)).toFixed(2)} s`}`,
);
console.log('targets: keycard test ≤ 2× node -e 0, keycard resolve ≤ 1.5× (wall, paired)');

// The explorer in a real pseudo-terminal: from the start to the first full screen (users, role, access map).
if (spawnSync('tmux', ['-V']).status === 0) {
  const dir = join(temp, 'example');
  for (const f of ['keycard.yaml', 'policies', 'scenarios']) cpSync(join(ROOT, f), join(dir, f), { recursive: true });
  // Until the screen shows the map, polled with capture-pane: tmux's session, its shell and the
  // polling count too, so the same is timed for a `node -e` that prints the same words at once.
  const screenTime = async (command, i) => {
    const session = `keycard-bench-${process.pid}-${i}`;
    const t0 = performance.now();
    execFileSync('tmux', ['new-session', '-d', '-x', '100', '-y', '30', '-s', session, '-c', dir, command]);
    let ms;
    while ((ms = performance.now() - t0) < 20_000) {
      const screen = execFileSync('tmux', ['capture-pane', '-p', '-t', session], { encoding: 'utf8' });
      if (/S3 access[\s\S]*GetObject/.test(screen)) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    spawnSync('tmux', ['kill-session', '-t', session]);
    return ms;
  };
  const times = [];
  const tmuxTimes = [];
  const trivial = `node -e "process.stdout.write('S3 access GetObject'); setTimeout(() => {}, 20000)"`;
  for (let i = 0; i < Math.max(3, RUNS >> 1); i++) {
    times.push(await screenTime(`node ${BIN} explore`, i));
    tmuxTimes.push(await screenTime(trivial, `n${i}`));
  }
  console.log(
    `${'keycard explore: first full screen (tmux)'.padEnd(44)} median ${(median(times) / 1000).toFixed(3)} s; the same for a \`node -e\` printing the words: ${(median(tmuxTimes) / 1000).toFixed(3)} s; keycard's part ${((median(times) - median(tmuxTimes) + b0 * 1000) / 1000).toFixed(3)} s from its process's start (target < 0.8 s on a quiet machine; bench/explore.js times it inside the process)`,
  );
} else console.log('keycard explore: tmux is not installed; no explorer figure');

// Node's built-in modules a run loads beyond those of `node -e 0` (each costs start-up time).
const builtinsLog = join(temp, 'builtins.log');
const preload = join(temp, 'builtins.cjs');
writeFileSync(
  preload,
  `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(builtinsLog)}, process.moduleLoadList.join('\\n')));\n`,
);
const builtinsOf = (args, env = {}) => {
  rmSync(builtinsLog, { force: true });
  spawnSync(process.execPath, ['-r', preload, ...args], {
    cwd: ROOT,
    env: { ...process.env, CI: 'true', ...env },
    stdio: 'ignore',
  });
  try {
    return readFileSync(builtinsLog, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('NativeModule '));
  } catch {
    return [];
  }
};
const base = new Set(builtinsOf(['-e', '0']));
for (const [label, args, env] of [commands[1], commands[3]]) {
  const extra = builtinsOf([BIN, ...args], env)
    .filter((m) => !base.has(m))
    .map((m) => m.slice(13));
  const shown = extra.filter((m) => !m.startsWith('internal/'));
  console.log(
    `built-in modules ${label} loads beyond node -e 0: ${extra.length} (${shown.join(', ')} and ${extra.length - shown.length} internal)`,
  );
}

// Commands other than the explorer load a CommonJS file of their own and V8's code cache of it.
const kib = (f) => `${(statSync(f).size / 1024).toFixed(0)} KiB`;
const entries = existsSync(cache) ? readdirSync(cache).filter((f) => f.startsWith('code-')) : [];
const bundles = readdirSync(join(ROOT, 'dist/cli-bundle')).filter((f) => /^main.*\.cjs$/.test(f));
console.log(
  `\nCommonJS bundles in dist/cli-bundle: ${bundles.map((f) => `${f} ${kib(join(ROOT, 'dist/cli-bundle', f))}`).join(', ')}` +
    `\ncode cache: ${entries.map((f) => `${f.split('-')[2]}${f.includes('-liftoff-') ? ' (liftoff)' : ''} ${kib(join(cache, f))}`).join(', ')}`,
);

// Module loading: which modules each command loads, then each one imported alone in a fresh process;
// for the explorer's ES module bundle and for tsc's output, one module per source file (KEYCARD_NO_BUNDLE).
for (const [label, args, env] of [
  ['keycard (the report, ES module bundle)', [], {}],
  [`${commands[3][0]}, not bundled`, commands[3][1], { KEYCARD_NO_BUNDLE: '1' }],
]) {
  const log = join(temp, 'load.log');
  rmSync(log, { force: true });
  spawnSync(process.execPath, ['--import', join(ROOT, 'bench/startup-hooks.mjs'), BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, KEYCARD_LOAD_LOG: log, KEYCARD_CACHE_DIR: cache, CI: 'true' },
    stdio: 'ignore',
  });
  console.log(`\nmodule loading of ${label}:`);
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--measure-load', log], { cwd: ROOT, encoding: 'utf8' });
  process.stdout.write(r.stdout + r.stderr);
}

/**
 * Imports what a run loaded, cheapest attribution first: each package alone (with what it
 * imports), then keycard's own files leaves first, so each file's time is its own: reading,
 * compiling and running its top level.
 */
async function measureLoad(log) {
  const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  const packages = [...new Set(lines.filter((l) => l.startsWith('package ')).map((l) => l.slice(8)))];
  const dist = join(ROOT, 'dist') + '/';
  const files = [...new Set(lines.filter((l) => l.startsWith('file ')).map((l) => fileURLToPath(l.slice(5))))].filter((f) =>
    f.startsWith(dist),
  );
  const allFiles = new Set(lines.filter((l) => l.startsWith('file '))).size;
  await import('node:fs/promises'); // the loader's own first-use cost is nobody's
  const t0 = performance.now();
  const pkgTimes = [];
  for (const p of packages) {
    const t = performance.now();
    await import(import.meta.resolve(p));
    pkgTimes.push([p, performance.now() - t]);
  }
  // Leaves first: a file is imported after the keycard files it imports statically.
  const deps = (f) =>
    [...readFileSync(f, 'utf8').matchAll(/^(?:import|export)\s[^;]*?from\s*'(\.\.?\/[^']+)'/gm)].map((m) => join(dirname(f), m[1]));
  const done = new Set();
  const order = [];
  const visit = (f) => {
    if (done.has(f) || !existsSync(f)) return;
    done.add(f);
    for (const d of deps(f)) visit(d);
    order.push(f);
  };
  files.forEach(visit);
  const fileTimes = [];
  for (const f of order) {
    const t = performance.now();
    await import(pathToFileURL(f).href);
    fileTimes.push([relative(ROOT, f), performance.now() - t]);
  }
  const total = performance.now() - t0;
  const sum = (xs) => xs.reduce((s, [, t]) => s + t, 0);
  const top = (xs, n) => [...xs].sort((a, b) => b[1] - a[1]).slice(0, n);
  console.log(
    `  ${total.toFixed(0)} ms to import ${allFiles} module files: ${packages.length} packages ${sum(pkgTimes).toFixed(0)} ms, ${order.length} keycard files ${sum(fileTimes).toFixed(0)} ms`,
  );
  for (const [p, t] of top(pkgTimes, 8)) console.log(`    ${t.toFixed(1).padStart(7)} ms  package ${p}`);
  const stages = new Map();
  for (const [f, t] of fileTimes) stages.set(f.split('/')[1], (stages.get(f.split('/')[1]) ?? 0) + t);
  console.log(
    `    keycard by stage: ${[...stages]
      .sort((a, b) => b[1] - a[1])
      .map(([s, t]) => `${s} ${t.toFixed(0)}`)
      .join(', ')} (ms)`,
  );
  for (const [f, t] of top(fileTimes, 6)) console.log(`    ${t.toFixed(1).padStart(7)} ms  ${f}`);
}
