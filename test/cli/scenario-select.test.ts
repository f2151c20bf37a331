// `--scenario FILE#NAME` builds the one scenario it names (src/cli/user-input.ts): a mistake in
// another scenario of the file is `keycard test`'s to report, not a reason to refuse this user.
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../temp.js';
import { keycard, root } from './helpers.js';

const SCENARIOS = `project: ../keycard.yaml
scenarios:
  - name: a guest
    identityId: us-east-1:0a0a0a0a-1111-4222-8333-944444444444
  - name: a guest with a misspelt action
    expect:
      allow:
        - s3:GetObjekt arn:aws:s3:::photoshare-media/public/beach.jpg
  - name: another guest
`;

function project(): string {
  const dir = tempDir('keycard-scenario-select-');
  for (const f of ['keycard.yaml', 'policies']) cpSync(join(root, f), join(dir, f), { recursive: true });
  cpSync(join(root, 'scenarios'), join(dir, 'scenarios'), { recursive: true });
  writeFileSync(join(dir, 'scenarios/select.yaml'), SCENARIOS);
  return dir;
}

describe('keycard resolve --scenario FILE#NAME', () => {
  it.each([
    ['1', 0, /^role +arn:aws:iam::123456789012:role\/PhotoShareGuestRole/],
    ['a guest', 0, /^role +arn:aws:iam::123456789012:role\/PhotoShareGuestRole/],
    ['another', 0, /^role +arn:aws:iam::123456789012:role\/PhotoShareGuestRole/],
    ['misspelt', 3, /^$/],
    ['guest', 2, /^$/],
    ['4', 2, /^$/],
  ])('#%s: exit %i', async (name, code, stdout) => {
    const r = await keycard(['resolve', '--scenario', `scenarios/select.yaml#${name}`], { cwd: project() });
    expect(r.code, r.stderr).toBe(code);
    expect(r.stdout).toMatch(stdout);
    if (code === 3) expect(r.stderr).toMatch(/select\.yaml:8:\d+: error\[request_unknown_action\]/);
    if (code === 2) expect(r.stderr).toContain('scenarios: 1. a guest; 2. a guest with a misspelt action; 3. another guest');
  });

  it('keycard test still reports the misspelt action', async () => {
    const r = await keycard(['test', 'scenarios/select.yaml'], { cwd: project() });
    expect(r.code).toBe(3);
    expect(r.stdout + r.stderr).toMatch(/select\.yaml:8:\d+: error\[request_unknown_action\]/);
  });
});
