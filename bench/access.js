#!/usr/bin/env node
// Access-map benchmark over dist/ (run `npx tsc -p .` first): the full S3 access map of the
// editor in scenarios/photos.yaml. Prints medians; asserts nothing.
import { fileURLToPath } from 'node:url';
import { accessMap } from '../dist/access/map.js';
import { resolveForScenario } from '../dist/access/resolve.js';
import { buildSession, resourcePolicyFor } from '../dist/access/session.js';
import { evaluate, prepareRequest } from '../dist/iam/index.js';
import { retarget } from '../dist/iam/request.js';
import { loadScenarioFile } from '../dist/load/scenario.js';

const FILE = fileURLToPath(new URL('../scenarios/photos.yaml', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 400);

// Median wall time, and median CPU time of this process (steadier on a busy machine).
function median(label, runs, fn) {
  for (let i = 0; i < Math.min(runs, 100); i++) fn(); // warm-up
  const wall = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    fn();
    wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e3);
  }
  const mid = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
  const m = mid(wall);
  const p90 = wall[Math.floor(wall.length * 0.9)];
  const mc = mid(cpu);
  console.log(`${label.padEnd(52)} median ${m.toFixed(3)} ms wall (p90 ${p90.toFixed(3)})   ${mc.toFixed(3)} ms cpu`);
  return mc;
}

const file = loadScenarioFile(FILE);
const editor = file.scenarios.find((s) => /editor/i.test(s.name));
if (!editor) throw new Error('no editor scenario in photos.yaml');
const resolution = resolveForScenario(editor);
const session = buildSession(editor.project, resolution);
const first = accessMap(session);
console.log(`access map of the editor: ${first.entries.length} entries, ${first.targets.length} targets`, first.counts);

// The same session (per-session caches warm: targets, prepared base request).
median('access map, same session', RUNS, () => accessMap(session));
// A fresh session each run, as the explorer builds one per keystroke (compiled policies cached).
median('access map, fresh session each run', RUNS, () => accessMap(buildSession(editor.project, resolution)));

// The engine's share: the map's decisions alone (literal requests), without and with explanation.
const base = prepareRequest({
  principal: session.arn,
  action: 's3:GetObject',
  resource: '*',
  resourceAccount: session.project.account,
  context: { ...session.context, 'aws:ResourceAccount': session.project.account },
});
const pairs = first.entries.map((e) => {
  const rp = resourcePolicyFor(session.project, e.target.arn);
  return { set: rp ? { ...session.policies, resource: rp } : { ...session.policies }, action: e.action, resource: e.target.arn };
});
const fast = median(`the map's ${pairs.length} decisions, fast path`, RUNS, () => {
  for (const p of pairs) evaluate(p.set, retarget(base, p.action, p.resource));
});
const explained = median(`the map's ${pairs.length} decisions, with explanation`, Math.ceil(RUNS / 4), () => {
  for (const p of pairs) evaluate(p.set, retarget(base, p.action, p.resource), { explain: true });
});
console.log(`  fast path vs explaining path: ${(explained / fast).toFixed(1)}x`);
