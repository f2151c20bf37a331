// End-to-end through the built CLI, table-driven from test/fixtures/cli/cases.yaml.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { keycard, root } from './helpers.js';

const cases = parse(readFileSync(join(root, 'test/fixtures/cli/cases.yaml'), 'utf8')) as { name: string; args: string[]; exit: number; stdout?: string[]; stderr?: string[] }[];


describe('keycard CLI', () => {
  it.each(cases)('$name', (c) => {
    const r = keycard(c.args);
    expect(r.code, `stdout:\n${r.stdout}\nstderr:\n${r.stderr}`).toBe(c.exit);
    for (const s of c.stdout ?? []) expect(r.stdout).toContain(s);
    for (const s of c.stderr ?? []) expect(r.stderr).toContain(s);
    // Never a stack trace, whatever went wrong.
    expect(r.stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
  });
});
