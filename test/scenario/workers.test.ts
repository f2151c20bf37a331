// `keycard test --workers 2` gives, byte for byte, what `--workers 1` gives: stdout, stderr, the
// exit code and every report file (json, junit, tap, github), with coverage, on a generated suite
// with passing, failing and unreadable files (and on the Cognito corpus when it is there). Only
// timings are normalised. The built CLI runs as a process: worker threads run dist/.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusDir } from '../../scripts/corpus.mjs';
import { root, spawnKeycard } from '../cli/helpers.js';
import { tempDir } from '../temp.js';

const REPORTS = ['json', 'junit', 'tap', 'github'] as const;

/**
 * A copy of the example project with a suite of copies of its scenarios, one failing file and two
 * files that cannot be read (a YAML error, an unknown field).
 */
function makeSuite(): string {
  const project = tempDir('keycard-workers-');
  cpSync(join(root, 'keycard.yaml'), join(project, 'keycard.yaml'));
  cpSync(join(root, 'policies'), join(project, 'policies'), { recursive: true });
  const dir = join(project, 'scenarios');
  mkdirSync(dir);
  const text = readFileSync(join(root, 'scenarios', 'photos.yaml'), 'utf8');
  for (let i = 0; i < 5; i++) writeFileSync(join(dir, `a${i}.yaml`), text);
  writeFileSync(join(dir, 'b-failing.yaml'), text.replace('role/PhotoShareGuestRole', 'role/NoSuchRole'));
  writeFileSync(join(dir, 'c-broken.yaml'), 'scenarios:\n  - name: unterminated\n    expect: {role: [\n');
  writeFileSync(join(dir, 'd-unknown-field.yaml'), text.replace('scenarios:', 'scenarioz:'));
  writeFileSync(join(dir, 'e.yaml'), text);
  return dir;
}

function runWith(paths: string[], workers: number, extra: string[] = []) {
  const out = tempDir('keycard-workers-out-');
  const r = spawnKeycard([
    'test',
    ...paths,
    '--workers',
    String(workers),
    '--format',
    'pretty',
    ...REPORTS.flatMap((f) => ['--format', `${f}=${join(out, f)}`]),
    ...extra,
  ]);
  const timings = (s: string) => s.replace(/"durationMs":\s*[\d.]+/g, '"durationMs":0').replace(/time="[\d.]+"/g, 'time="0"');
  return {
    code: r.code,
    stdout: r.stdout,
    stderr: r.stderr,
    reports: Object.fromEntries(REPORTS.map((f) => [f, timings(readFileSync(join(out, f), 'utf8'))])),
  };
}

describe('keycard test --workers', () => {
  it('gives the same output, reports, coverage and exit code on two threads as on one', () => {
    const suite = makeSuite();
    const one = runWith([suite], 1, ['--coverage']);
    const two = runWith([suite], 2, ['--coverage']);
    expect(one.code).toBe(3); // an unreadable file is invalid input
    expect(one.stdout).toMatch(/76 passed, 1 failed, 2 errors/);
    expect(one.stdout).toMatch(/c-broken\.yaml:\d+:\d+/);
    expect(one.reports.json).toMatch(/"coverage"/);
    expect(two).toEqual(one);
    // Which thread runs which file varies: each must give the same, code frames under errors included.
    expect(runWith([suite], 4, ['--coverage'])).toEqual(one);
  }, 180_000);

  it('gives the same exit code and diagnostics for a suite that fails, with a filter', () => {
    const suite = makeSuite();
    const one = runWith([join(suite, 'a0.yaml'), join(suite, 'b-failing.yaml'), join(suite, 'e.yaml')], 1, ['--filter', 'guests']);
    const two = runWith([join(suite, 'a0.yaml'), join(suite, 'b-failing.yaml'), join(suite, 'e.yaml')], 2, ['--filter', 'guests']);
    expect(one.code).toBe(1);
    expect(one.stdout).toMatch(/2 passed, 1 failed/);
    expect(two).toEqual(one);
  }, 120_000);

  const cognito = corpusDir('cognito');
  it.skipIf(!cognito)(
    'gives the same reports on the Cognito corpus (many projects)',
    () => {
      const one = runWith([cognito!], 1, ['--coverage']);
      const two = runWith([cognito!], 3, ['--coverage']);
      expect(one.code).toBe(0);
      expect(two).toEqual(one);
    },
    120_000,
  );

  it('refuses a worker count that is not a whole number of at least 1', () => {
    const r = spawnKeycard(['test', '--workers', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--workers must be a whole number/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
