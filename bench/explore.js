#!/usr/bin/env node
// Explorer key-press benchmark over dist/: how long from a key press to the redrawn frame, and
// where the time goes. The app renders through ink-testing-library (no terminal, no throttle);
// re-evaluation (role, session, access map, grid) is timed on its own, and the rest of a key
// press is React reconciliation, Yoga layout and Ink's output. Prints medians; asserts nothing.
import { fileURLToPath } from 'node:url';

// As `keycard explore` runs it (src/tui/run.ts): React's production build, and Ink with the
// explorer's string-width and ansi-tokenize, which the CLI bundle swaps in (scripts/bundle-explorer.mjs).
process.env.NODE_ENV ??= 'production';
const swaps = { 'string-width': '../dist/tui/string-width.js', '@alcalzone/ansi-tokenize': '../dist/tui/ansi-tokenize.js' };
const hook = `const swaps = ${JSON.stringify(Object.fromEntries(Object.entries(swaps).map(([k, v]) => [k, new URL(v, import.meta.url).href])))};
export async function resolve(spec, context, next) {
  const by = swaps[spec];
  const r = await next(spec, context);
  return by && context.parentURL !== by && /[/](ink|cli-truncate|widest-line)[/]/.test(context.parentURL ?? '') ? { url: by, shortCircuit: true } : r;
}`;
(await import('node:module')).register(`data:text/javascript,${encodeURIComponent(hook)}`);
const { render } = await import('ink-testing-library');
const { createElement } = await import('react');
const { App } = await import('../dist/tui/app.js');
const { accessGrid } = await import('../dist/tui/model/access-grid.js');
const { accessMapOf, evaluateUser } = await import('../dist/tui/model/evaluate.js');
const { loadWorkspace } = await import('../dist/tui/model/workspace.js');

const PROJECT = fileURLToPath(new URL('../keycard.yaml', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const workspace = loadWorkspace(PROJECT);

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const p90 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)];
const line = (label, xs) => console.log(`${label.padEnd(52)} median ${median(xs).toFixed(2)} ms (p90 ${p90(xs).toFixed(2)})`);

/** Writes a key and waits for the frame it causes; the time from the write to that frame. */
const cpu = { users: [], map: [] };
async function press(app, key, cpuInto) {
  const before = app.frames.length;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  app.stdin.write(key);
  while (app.frames.length === before) {
    await new Promise((r) => setImmediate(r));
    if (performance.now() - t0 > 5000) break;
  }
  const c = process.cpuUsage(c0);
  cpuInto?.push((c.user + c.system) / 1000);
  return performance.now() - t0;
}

// Re-evaluation alone: what a user switch recomputes (role and trace, session, access map, grid).
const evalTimes = [];
for (let i = 0; i < RUNS; i++) {
  for (const u of workspace.users) {
    const t0 = performance.now();
    const r = evaluateUser(workspace.project, u);
    if (r.session) accessGrid(accessMapOf(r.session), '', true);
    evalTimes.push(performance.now() - t0);
  }
}

const app = render(createElement(App, { workspace, watch: false, size: { columns: 100, rows: 30 } }));
await new Promise((r) => setTimeout(r, 300)); // first frame and the background mapping of users
const users = [];
const map = [];
for (let i = 0; i < RUNS; i++) users.push(await press(app, i % 20 < 10 ? 'j' : 'k', cpu.users));
for (const k of ['\t', '\t', '\t']) await press(app, k);
for (let i = 0; i < RUNS; i++) map.push(await press(app, i % 10 < 5 ? 'j' : 'k', cpu.map));
app.unmount();

console.log(`explorer at 100x30, ${workspace.users.length} users, ${RUNS} key presses each, React ${process.env.NODE_ENV} build`);
line('key press: next user (j/k in Users), wall to the frame', users);
line('key press: next user, CPU of this process', cpu.users);
line('key press: next action (j/k in the access map), wall', map);
line('key press: next action, CPU of this process', cpu.map);
line('  of which re-evaluation (role, session, map, grid)', evalTimes);
console.log(
  `  the rest is React reconciliation, layout and Ink's output: about ${Math.max(0, median(cpu.users) - median(evalTimes)).toFixed(2)} ms CPU a redraw`,
);
// CPU time is what a quiet machine would take as wall time; on a busy one, wall time is longer.
const worst = Math.max(median(cpu.users), median(cpu.map));
console.log(
  `key-press redraw: ${worst.toFixed(1)} ms CPU (target 50 ms on a quiet machine: ${worst <= 50 ? 'met' : 'NOT met'}); load average ${(await import('node:os')).loadavg()[0].toFixed(1)}`,
);

// The first screen, as a person sees it: `keycard explore` on the example in a real terminal
// (tmux, 100×30), from the process's start to the frame with the access map, in wall and CPU time
// (bench/explore-first-screen.mjs notes both in the process), paired with `node -e 0` run by run.
if ((await import('node:child_process')).spawnSync('tmux', ['-V']).status === 0) await firstScreen();
else console.log('first screen: tmux is not installed; no figure');

async function firstScreen() {
  const { execFileSync, spawnSync } = await import('node:child_process');
  const { cpSync, mkdtempSync, readFileSync, rmSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { loadavg, tmpdir } = await import('node:os');
  const root = fileURLToPath(new URL('..', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'keycard-bench-explore-'));
  for (const f of ['keycard.yaml', 'policies', 'scenarios']) cpSync(join(root, f), join(dir, 'example', f), { recursive: true });
  const runs = Number(process.env.BENCH_RUNS_SCREEN ?? 9);
  const rows = { loading: [], full: [], cpu: [], node: [], nodeCpu: [] };
  const childCpu = () => {
    const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(f[13]) + Number(f[14])) * 10; // ms (USER_HZ 100)
  };
  for (let i = 0; i < runs + 1; i++) {
    const c0 = childCpu();
    const t0 = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    const node = [performance.now() - t0, childCpu() - c0];
    const log = join(dir, `run-${i}.log`);
    const session = `keycard-bench-explore-${process.pid}-${i}`;
    const cmd = `KEYCARD_BENCH_FIRST_SCREEN=${log} ${process.execPath} --import ${join(root, 'bench/explore-first-screen.mjs')} ${join(root, 'bin/keycard.cjs')} explore`;
    execFileSync('tmux', ['new-session', '-d', '-x', '100', '-y', '30', '-s', session, '-c', join(dir, 'example'), cmd]);
    let notes = {};
    for (const end = Date.now() + 30_000; Date.now() < end && !notes.full;) {
      await new Promise((r) => setTimeout(r, 20));
      try {
        notes = Object.fromEntries(
          readFileSync(log, 'utf8')
            .trim()
            .split('\n')
            .map((l) => [l.split(' ')[0], l.split(' ').slice(1).map(Number)]),
        );
      } catch {
        // not written yet
      }
    }
    spawnSync('tmux', ['kill-session', '-t', session]);
    if (i === 0 || !notes.full) continue; // the first run warms the file cache
    rows.loading.push(notes.loading?.[0] ?? NaN);
    rows.full.push(notes.full[0]);
    rows.cpu.push(notes.full[1]);
    rows.node.push(node[0]);
    rows.nodeCpu.push(node[1]);
  }
  rmSync(dir, { recursive: true, force: true });
  if (!rows.full.length) return console.log('first screen: the explorer did not reach a full screen in tmux');
  const ratio = median(rows.full.map((f, i) => f / rows.node[i]));
  console.log(`\nfirst screen of \`keycard explore\` on the example, tmux 100x30, ${rows.full.length} runs paired with \`node -e 0\``);
  line('  loading line written, ms since start (wall)', rows.loading);
  line('  full screen (users, result, access map), wall', rows.full);
  line('  full screen, CPU ms of the process', rows.cpu);
  line('  node -e 0, wall (spawned, same runs)', rows.node);
  console.log(
    `  full screen = ${ratio.toFixed(1)}× node -e 0 (wall, paired); target < 800 ms on a quiet machine; load average ${loadavg()[0].toFixed(1)}`,
  );
}
