#!/usr/bin/env node
// Explorer key-press benchmark over dist/: how long from a key press to the redrawn frame, and
// where the time goes. The app renders through ink-testing-library (no terminal, no throttle);
// re-evaluation (role, session, access map, grid) is timed on its own, and the rest of a key
// press is React reconciliation, Yoga layout and Ink's output. Prints medians; asserts nothing.
import { fileURLToPath } from 'node:url';

// As `keycard explore` runs it (src/tui/run.ts): React's production build.
process.env.NODE_ENV ??= 'production';
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
