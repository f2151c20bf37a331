// `keycard validate` through the CLI's `run(argv)`: exit codes, formats and help.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keycard as run } from '../cli/helpers.js';
import { tempDir } from '../temp.js';

const root = join(import.meta.dirname, '../..');
const fixtures = join(root, 'test/fixtures/lint');
const keycard = (args: string[], cwd = root) => run(['validate', ...args], { cwd });

describe('keycard validate', () => {
  it('passes the bundled example, whose reviewed findings are silenced in the file, and finds keycard.yaml by itself', async () => {
    const r = await keycard([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/no problems found/i);
    expect(r.stdout).toMatch(/\d+ suppressed by keycard-ignore comments/);
    expect((await keycard(['--fail-on', 'warning'])).code).toBe(0);
  });

  it('exits 1 on warnings with --fail-on warning', async () => {
    expect((await keycard([join(fixtures, 'trust-aud/bad'), '--fail-on', 'warning'])).code).toBe(1);
    expect((await keycard([join(fixtures, 'trust-aud/bad')])).code).toBe(0);
  });

  it('exits 1 on an error finding, and prints the JSON document of formats.md §4', async () => {
    const r = await keycard([join(fixtures, 'trust-amr/bad/keycard.yaml'), '--format', 'json'], fixtures);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ version: 1, summary: { errors: 1, warnings: 0 } });
    expect(doc.diagnostics[0]).toMatchObject({
      code: 'iam_trust_amr_mismatch',
      severity: 'error',
      help: expect.any(String),
      location: { file: 'trust-amr/bad/trust-auth.json', line: 19, column: 49 },
    });
  });

  it('reports invalid input in the chosen format with exit 3', async () => {
    const dir = tempDir('keycard-validate-');
    writeFileSync(join(dir, 'keycard.yaml'), 'account: "123456789012"\nregion: us-east-1\nbogus: 1\n');
    const json = await keycard(['--format', 'json'], dir);
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout).diagnostics.map((d: { code: string }) => d.code)).toContain('schema_unknown_field');
    expect(json.stderr).toContain('schema_unknown_field');
    const sarif = await keycard(['--format', 'sarif'], dir);
    expect(sarif.code).toBe(3);
    const log = JSON.parse(sarif.stdout);
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].invocations[0]).toMatchObject({ exitCode: 3, executionSuccessful: true });
    expect((await keycard([], dir)).code).toBe(3);
  });

  it('writes SARIF with the codes as stable rule ids', async () => {
    const dir = tempDir('keycard-validate-');
    const out = join(dir, 'out.sarif');
    const r = await keycard([join(fixtures, 'guest-write/bad'), '--format', `sarif=${out}`, '--format', 'pretty']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('warning[iam_guest_s3_write]');
    const log = JSON.parse(readFileSync(out, 'utf8'));
    expect(log.runs[0].tool.driver.rules.map((x: { id: string }) => x.id)).toEqual(['iam_guest_s3_write']);
    expect(log.runs[0].tool.driver.rules[0].helpUri).toMatch(/diagnostics\.md#iam-guest-s3-write$/);
  });

  it('prints GitHub annotations', async () => {
    const r = await keycard([join(fixtures, 'star-on-star/bad'), '--format', 'github']);
    expect(r.stdout).toMatch(/^::warning file=.*auth\.json,line=10,col=5/m);
  });

  it('counts suppressed findings and lists them with --show-suppressed', async () => {
    const file = join(fixtures, 'suppression/inline.yaml');
    expect((await keycard([file])).stdout).toContain('1 suppressed by keycard-ignore comments');
    const shown = JSON.parse((await keycard([file, '--show-suppressed', '--format', 'json'])).stdout);
    expect(shown.summary).toMatchObject({ errors: 0, warnings: 0, suppressed: 1 });
    expect(shown.diagnostics[0]).toMatchObject({
      code: 'iam_guest_s3_write',
      severity: 'info',
      message: expect.stringContaining('(suppressed: uploads/ is a drop box'),
    });
  });

  it('exits 2 on usage errors', async () => {
    expect((await keycard(['--fail-on', 'info'])).code).toBe(2);
    expect((await keycard(['--format', 'junit'])).code).toBe(2);
    expect((await keycard(['no/such/keycard.yaml'])).code).toBe(2);
  });

  it('documents examples and exit codes in --help', async () => {
    const r = await keycard(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toMatch(/Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage, 3 invalid input/);
    expect(r.stdout).toContain('--show-suppressed');
  });
});
