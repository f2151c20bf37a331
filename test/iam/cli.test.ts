// `keycard authorize` end to end (needs `npx tsc -p .` so that dist/ is current).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, FIXTURE_DIR } from './helpers.js';
import { tempDir } from '../temp.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'keycard.cjs');
const run = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

function tmp(name: string, text: string): string {
  const dir = tempDir('keycard-iam-');
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const DOC = (expect: string) => `id: one
policies:
  identity: [{Version: '2012-10-17', Statement: [{Effect: Allow, Action: s3:GetObject, Resource: 'arn:aws:s3:::b/*'}]}]
request: {principal: 'arn:aws:iam::111122223333:user/A', action: s3:GetObject, resource: 'arn:aws:s3:::b/k'}
expect: ${expect}
`;

describe('keycard authorize', () => {
  it.skipIf(!CORPUS_DIR)('prints one JSON line per corpus document, all passing', () => {
    const r = run('authorize', CORPUS_DIR!, '--format', 'json');
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.length).toBeGreaterThan(90);
    for (const l of lines) {
      expect(Object.keys(l).slice(0, 5)).toEqual(['id', 'decision', 'expected', 'pass', 'explain']);
      expect(l.pass, l.id).toBe(true);
    }
    expect(r.status).toBe(0);
  });
  it('exits 1 on an expectation mismatch and says FAIL', () => {
    const r = run('authorize', tmp('a.yaml', DOC('ImplicitDeny')));
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^FAIL one {2}Allow \(expected ImplicitDeny\)/);
  });
  it('text mode shows the deciding statement with its location; --explain shows every step', () => {
    const file = tmp('b.yaml', DOC('Allow'));
    const r = run('authorize', file);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/PASS one {2}Allow/);
    expect(r.stdout).toMatch(/b\.yaml:3:/);
    const e = run('authorize', file, '--explain');
    expect(e.stdout).toMatch(/explicit-deny: no Deny statement applies/);
  });
  it('gives an unreadable document an error line, continues, and exits 3', () => {
    const bad = tmp('bad.yaml', 'id: broken\nrequest: [\n');
    const good = tmp('good.yaml', DOC('Allow'));
    const r = run('authorize', bad, good, '--format', 'json');
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ id: 'bad', error: expect.stringMatching(/syntax/) });
    expect(lines[1]).toMatchObject({ id: 'one', decision: 'Allow', pass: true });
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/bad\.yaml:\d+:\d+/);
  });
  it('rejects unknown document fields with a location', () => {
    const r = run('authorize', tmp('c.yaml', DOC('Allow') + 'expcet: Allow\n'), '--format', 'json');
    expect(r.status).toBe(3);
    expect(JSON.parse(r.stdout).error).toMatch(/unknown field `expcet`/);
    expect(r.stderr).toMatch(/c\.yaml:6:1/);
  });
  it('reads policies from relative files and URL-encoded JSON', () => {
    const policyFile = tmp(
      'p.json',
      JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }),
    );
    const encoded = encodeURIComponent(
      JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:GetObject', Resource: '*' }] }),
    );
    const doc = `policies:\n  identity: ['${policyFile}']\n  boundary: '${encoded}'\nrequest: {principal: 'arn:aws:iam::111122223333:user/A', action: s3:GetObject, resource: 'arn:aws:s3:::b/k'}\nexpect: ExplicitDeny\n`;
    // The policy is in another directory: only the command line may allow that (issue 10 §1).
    const r = run('authorize', tmp('d.yaml', doc), '--format', 'json', '--allow-path', dirname(policyFile));
    expect(JSON.parse(r.stdout)).toMatchObject({ decision: 'ExplicitDeny', pass: true });
    expect(JSON.parse(run('authorize', tmp('e.yaml', doc), '--format', 'json').stdout).error).toMatch(/outside the repository/);
  });
  it('runs the fixture directory', () => {
    expect(run('authorize', FIXTURE_DIR).status).toBe(3); // safety fixtures carry error diagnostics on purpose
  });
  it('refuses an unknown format with exit 2, and documents itself in --help', () => {
    expect(run('authorize', FIXTURE_DIR, '--format', 'xml').status).toBe(2);
    const h = run('authorize', '--help');
    expect(h.status).toBe(0);
    expect(h.stdout).toMatch(/--explain/);
    expect(h.stdout).toMatch(/Exit codes/);
  });
});
