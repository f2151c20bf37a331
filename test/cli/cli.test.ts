// End to end through the CLI's `run(argv)`, table-driven from test/fixtures/cli/cases.yaml; a few
// cases also run as a real process of the built CLI.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { keycard, root, spawnKeycard, type CliResult } from './helpers.js';

const cases = parse(readFileSync(join(root, 'test/fixtures/cli/cases.yaml'), 'utf8')) as {
  name: string;
  args: string[];
  exit: number;
  stdout?: string[];
  stderr?: string[];
}[];

function check(c: (typeof cases)[number], r: CliResult) {
  expect(r.code, `stdout:\n${r.stdout}\nstderr:\n${r.stderr}`).toBe(c.exit);
  for (const s of c.stdout ?? []) expect(r.stdout).toContain(s);
  for (const s of c.stderr ?? []) expect(r.stderr).toContain(s);
  // Never a stack trace, whatever went wrong.
  expect(r.stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
}

describe('keycard CLI', () => {
  it.each(cases)('$name', async (c) => check(c, await keycard(c.args)));
});

/** As a process: help, a passing test run, a failing one, and invalid input. */
const SPAWNED = [
  'help lists every command',
  'test the bundled example',
  "an editor cannot delete another user's photo",
  'a bad project is exit 3 with file:line:col and no stack trace',
];

describe('keycard CLI as a process', () => {
  it('runs the spawned cases', () => expect(cases.filter((c) => SPAWNED.includes(c.name)).length).toBe(SPAWNED.length));
  it.each(cases.filter((c) => SPAWNED.includes(c.name)))('$name', (c) => check(c, spawnKeycard(c.args)));
});
