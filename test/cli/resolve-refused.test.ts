// `keycard resolve` with a policy AWS would refuse on the user's path (issue 9 §3): the diagnostic
// block at file:line:col on stderr, as `can` shows it, the resolution on stdout, and exit 3.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keycard, root } from './helpers.js';

function project(edit: string, change: (json: Record<string, unknown>) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'keycard-resolve-refused-'));
  for (const f of ['keycard.yaml', 'policies', 'scenarios']) cpSync(join(root, f), join(dir, f), { recursive: true });
  const file = join(dir, edit);
  const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  change(json);
  writeFileSync(file, JSON.stringify(json, null, 2));
  return dir;
}

describe('keycard resolve shows a refused policy at file:line:col', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it.each([
    [
      'an identity policy of the role',
      'policies/guest.json',
      (j: Record<string, unknown>) => void (j.Condition = { Bool: { 'aws:SecureTransport': 'true' } }),
      /policies[\\/]guest\.json:30:16: error\[iam_misplaced_field\]/,
    ],
    [
      'the role trust policy',
      'policies/trust-guest.json',
      (j: Record<string, unknown>) => void ((j.Statement as Record<string, unknown>[])[0]!.Sidd = 'x'),
      /policies[\\/]trust-guest\.json:\d+:\d+: error\[iam_unknown_statement_field\]/,
    ],
  ])('%s', async (_name, file, change, located) => {
    const dir = project(file, change);
    dirs.push(dir);
    for (const format of ['text', 'json']) {
      const r = await keycard(['resolve', '--format', format], { cwd: dir });
      expect(r.stderr).toMatch(located);
      expect(r.stderr).toMatch(/\n\s*\d+ \|/); // the code frame
      expect(r.code).toBe(3);
      if (format === 'json') expect(JSON.parse(r.stdout).role).toBeDefined();
    }
  });

  it('exits 0 with nothing on stderr when every policy is accepted', async () => {
    const r = await keycard(['resolve'], { cwd: root });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});
