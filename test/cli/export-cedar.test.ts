// `keycard export cedar` through the CLI: warnings in one line (all of them with --verbose), and
// the command its warning suggests runs as written.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../temp.js';
import { keycard } from './helpers.js';

describe('keycard export cedar', () => {
  it('summarises its warnings in one line and lists them with --verbose', async () => {
    const out = join(tempDir('keycard-export-cli-'), 'cedar');
    const r = await keycard(['export', 'cedar', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('PhotoShareEditorRole.cedar');
    const summary = r.stderr.split('\n').filter((l) => l.startsWith('keycard: '));
    expect(summary).toHaveLength(1);
    expect(summary[0]).toMatch(/^keycard: \d+ warnings \(\d+ cedar_export_untranslatable\) in policies\/.*; --verbose lists them$/);
    expect(r.stderr).not.toContain('warning[');
    const verbose = await keycard(['export', 'cedar', '--out', out, '--force', '--verbose']);
    expect(verbose.stderr.match(/warning\[cedar_export_untranslatable\]/g)?.length).toBe(Number(/(\d+) warnings/.exec(summary[0]!)![1]));
  });

  it('takes a user the way its warning says', async () => {
    const dir = tempDir('keycard-export-cli-');
    const first = await keycard(['export', 'cedar', '--out', join(dir, 'all')]);
    const suggested = /`(keycard export cedar [^`]+)`/.exec(first.stderr)?.[1];
    expect(suggested).toBe('keycard export cedar --scenario FILE#NAME --out DIR');
    const args = suggested!
      .split(' ')
      .slice(1)
      .map((a) => (a === 'FILE#NAME' ? 'scenarios/photos.yaml#editors' : a === 'DIR' ? join(dir, 'one') : a));
    const r = await keycard(args);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('has no value without a request');
    expect(r.stdout).toMatch(/wrote .*editors.*\.cedar/);
  });
});
