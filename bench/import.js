#!/usr/bin/env node
// Import benchmark over dist/: the largest realworld template issue 15 names (media2cloud's
// webapp stack, about 67 KB of YAML), read and evaluated into the project model once modules are
// loaded, against the same file parsed by the `yaml` package alone (the floor: no evaluation).
// Also the reading alone, so the evaluation's own share shows. Prints medians; asserts nothing. Skips with one line when ../shared/realworld is absent.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { importSources } from '../dist/import/index.js';
import { readTemplate } from '../dist/import/cfn/parse.js';

const realworld = process.env.KEYCARD_REALWORLD ?? fileURLToPath(new URL('../../shared/realworld', import.meta.url));
const FILE = join(realworld, 'aws-solutions__media2cloud/deployment/media2cloud-webapp-stack.yaml');
const RUNS = Number(process.env.BENCH_RUNS ?? 60);
if (!existsSync(FILE)) {
  console.log(`import benchmark skipped: ${FILE} is absent`);
  process.exit(0);
}

function median(label, fn) {
  for (let i = 0; i < 5; i++) fn();
  const wall = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  wall.sort((a, b) => a - b);
  const m = wall[wall.length >> 1];
  console.log(`${label.padEnd(60)} median ${m.toFixed(2)} ms wall (p90 ${wall[Math.floor(RUNS * 0.9)].toFixed(2)})`);
  return m;
}

const size = readFileSync(FILE).length;
const options = {
  account: '123456789012',
  region: 'us-east-1',
  physicalIds: {},
  values: {},
  dir: realworld,
  file: join(realworld, 'keycard.yaml'),
};
const full = median(`import media2cloud-webapp-stack.yaml (${(size / 1024).toFixed(0)} KB), from file`, () =>
  importSources([{ cloudformation: FILE }], options, () => undefined),
);
const read = median('of which: read the template (YAML with positions, long form)', () => readTemplate(FILE));
const floor = median('yaml parseDocument of the same text (peer: parse only)', () => parseDocument(readFileSync(FILE, 'utf8')));
console.log(
  `import / parse-only: ${(full / floor).toFixed(2)}x; evaluation after reading: ${(full - read).toFixed(1)} ms   (budget: under 100 ms once modules are loaded)`,
);
