// Claims AWS accepts, keycard accepts (issue 10 §3): a claim named `__proto__` or `constructor`
// is token data that a role-mapping rule may match, and `Precedence: null` means no precedence.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnKeycard as keycard, root } from './helpers.js'; // real processes: hostile files and argument parsing are about the process

const dir = mkdtempSync(join(tmpdir(), 'keycard-claim-names-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
cpSync(join(root, 'policies'), join(dir, 'policies'), { recursive: true });
// The example, with the admins rule on a claim named `constructor` and editors without precedence.
const project = readFileSync(join(root, 'keycard.yaml'), 'utf8')
  .replace(/Claim: cognito:groups\n(\s+)MatchType: Equals\n\s+Value: admins/, 'Claim: constructor\n$1MatchType: Equals\n$1Value: admins')
  .replace('role/PhotoShareEditorRole", Precedence: 2}', 'role/PhotoShareEditorRole", Precedence: null}');
writeFileSync(join(dir, 'keycard.yaml'), project);
mkdirSync(join(dir, 'scenarios'));

const WEB = { login: 'cognito-idp.us-east-1.amazonaws.com/us-east-1_PhOtO1234', aud: '3webclient0photoshare0abcd' };
const MOBILE = { login: WEB.login, aud: '7mobileclient0photoshare0ef' };
const role = (name: string) => `arn:aws:iam::123456789012:role/${name}`;
const scenario = (name: string, client: typeof WEB, claims: string, expected: string) =>
  `  - name: ${name}\n    login: ${client.login}\n    claims:\n      sub: 2e2e2e2e-aaaa-4bbb-8ccc-dddddddddddd\n      aud: ${client.aud}\n      token_use: id\n${claims}    expect: {role: "${expected}"}\n`;

describe('claim names and group precedence as AWS has them', () => {
  it('a rule matches a claim named constructor; __proto__ is a plain claim', () => {
    const f = join(dir, 'scenarios', 'names.yaml');
    writeFileSync(
      f,
      'project: ../keycard.yaml\nscenarios:\n' +
        scenario('constructor claim', WEB, '      constructor: admins\n      __proto__: {polluted: true}\n', role('PhotoShareAdminRole')) +
        scenario('no such claim', WEB, '      cognito:groups: [viewers]\n', role('PhotoShareViewerRole')),
    );
    const r = keycard(['test', f, '--format', 'json']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { results: { status: string }[] }).results.map((x) => x.status)).toEqual(['pass', 'pass']);
  });

  it('--claims accepts __proto__ and constructor', () => {
    const r = keycard([
      'resolve',
      '--project',
      join(dir, 'keycard.yaml'),
      '--login',
      WEB.login,
      '--claims',
      `{"sub": "2e2e2e2e-aaaa-4bbb-8ccc-dddddddddddd", "aud": "${WEB.aud}", "constructor": "admins", "__proto__": "x"}`,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('PhotoShareAdminRole');
  });

  it('a group with Precedence: null loses to a group with a precedence', () => {
    const f = join(dir, 'scenarios', 'precedence.yaml');
    writeFileSync(
      f,
      'project: ../keycard.yaml\nscenarios:\n' +
        scenario('editor and viewer', MOBILE, '      cognito:groups: [editors, viewers]\n', role('PhotoShareViewerRole')),
    );
    const r = keycard(['test', f]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });
});
