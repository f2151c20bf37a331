// The explorer's save never loses or rewrites a user's file (issue 10 §4): it appends the new
// scenario's text and leaves every other byte as it was, writes through symlinks, keeps the mode,
// and refuses when the file changed since it was read.
import { chmodSync, lstatSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/load/scenario.js';
import { saveScenario } from '../../src/tui/model/save-scenario.js';
import { copyOfExample } from './helpers.js';

const dir = copyOfExample();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const projectFile = join(dir, 'keycard.yaml');
const data = {
  name: 'guest',
  identityId: 'us-east-1:0a0a0a0a-1111-4222-8333-944444444444',
  expect: { role: 'arn:aws:iam::123456789012:role/PhotoShareGuestRole' },
};

// Another user's scenarios, written the way people write them: CRLF, a BOM, big and hex numbers, flow lists.
const theirs =
  '\ufeff# hand-written\r\nproject: ../keycard.yaml\r\nscenarios:\r\n' +
  '  - name: big numbers stay as written\r\n    login: cognito-idp.us-east-1.amazonaws.com/us-east-1_PhOtO1234\r\n' +
  '    claims: {sub: 1d1d1d1d-aaaa-4bbb-8ccc-dddddddddddd, aud: 3webclient0photoshare0abcd, n: 12345678901234567890, h: 0x1F, cognito:groups: [customers]}\r\n' +
  '    expect:\r\n      role: arn:aws:iam::123456789012:role/PhotoShareSignedInRole   # signed-in default\r\n';
const file = (name: string, text = theirs) => {
  const f = join(dir, 'scenarios', name);
  writeFileSync(f, text);
  return f;
};

describe('saving a scenario into an existing file', () => {
  it('appends the new text and leaves every other byte as it was', async () => {
    const f = file('crlf.yaml');
    const r = await saveScenario({ file: f, projectFile, data });
    const after = readFileSync(f);
    expect(after.subarray(0, Buffer.byteLength(theirs)).equals(Buffer.from(theirs))).toBe(true);
    const added = after.subarray(Buffer.byteLength(theirs)).toString('utf8');
    expect(added).toBe(
      '  - name: guest\r\n    identityId: us-east-1:0a0a0a0a-1111-4222-8333-944444444444\r\n    expect:\r\n      role: arn:aws:iam::123456789012:role/PhotoShareGuestRole\r\n',
    );
    expect(r).toMatchObject({ created: false, name: 'guest', passes: true });
    expect(loadScenarioFile(f).scenarios.map((s) => s.name)).toEqual(['big numbers stay as written', 'guest']);
  });

  it('inserts after the last scenario when other keys follow the list', async () => {
    const text =
      'project: ../keycard.yaml\nscenarios:\n- name: a\n  identityId: us-east-1:0a0a0a0a-1111-4222-8333-944444444444\n  expect: {role: "arn:aws:iam::123456789012:role/PhotoShareGuestRole"}\n# the end\n';
    const f = file('middle.yaml', text);
    await saveScenario({ file: f, projectFile, data });
    const after = readFileSync(f, 'utf8');
    const cut = text.indexOf('# the end');
    expect(after.slice(0, cut)).toBe(text.slice(0, cut));
    expect(after.endsWith('# the end\n')).toBe(true);
    expect(after.slice(cut, -'# the end\n'.length)).toMatch(/^- name: guest\n {2}identityId/);
  });

  it('writes through a symlink and keeps the mode', async () => {
    const target = file('target.yaml');
    chmodSync(target, 0o600);
    const link = join(dir, 'scenarios', 'link.yaml');
    symlinkSync('target.yaml', link);
    await saveScenario({ file: link, projectFile, data });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('target.yaml');
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(readFileSync(target, 'utf8')).toContain('- name: guest');
  });

  it('refuses, and writes nothing, when the file changed between its read and the rename', async () => {
    const f = file('raced.yaml');
    const edited = theirs.replace('# hand-written', '# edited meanwhile');
    await expect(saveScenario({ file: f, projectFile, data, beforeCommit: () => writeFileSync(f, edited) })).rejects.toThrow(
      /changed while saving/,
    );
    expect(readFileSync(f, 'utf8')).toBe(edited);
    expect(readdirSync(join(dir, 'scenarios')).filter((n) => n.includes('keycard-save'))).toEqual([]);
  });

  it('refuses when a new file appears meanwhile', async () => {
    const f = join(dir, 'scenarios', 'new.yaml');
    await expect(saveScenario({ file: f, projectFile, data, beforeCommit: () => writeFileSync(f, 'mine\n') })).rejects.toThrow(
      /changed while saving/,
    );
    expect(readFileSync(f, 'utf8')).toBe('mine\n');
  });
});
