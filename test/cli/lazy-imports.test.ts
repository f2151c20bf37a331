// `keycard test` in CI must not pay for the explorer (Ink, React); commands that need no Cedar
// must not load its wasm either.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../temp.js';

const root = join(import.meta.dirname, '../..');

function importsOf(args: string[]): string[] {
  const log = join(tempDir('keycard-imports-'), 'imports.log');
  const r = spawnSync(
    process.execPath,
    ['--import', join(root, 'test/fixtures/cli/record-imports.mjs'), join(root, 'bin/keycard.js'), ...args],
    {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, KEYCARD_IMPORT_LOG: log, CI: 'true', NO_COLOR: '1' },
    },
  );
  expect(r.status, r.stderr).toBe(0);
  try {
    return readFileSync(log, 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

describe('lazy imports', () => {
  it('keycard --help and --version load no package but commander', () => {
    expect([...new Set(importsOf(['--help']))]).toEqual(['commander']);
    expect([...new Set(importsOf(['--version']))]).toEqual(['commander']);
  });

  const UI = /^(ink|react|@inkjs\/|ink-)/;
  const UI_OR_CEDAR = /^(ink|react|@inkjs\/|ink-)|cedar-wasm/;
  it.each([
    [['test'], UI],
    [['validate'], UI],
    [['resolve'], UI_OR_CEDAR],
    [['access'], UI_OR_CEDAR],
  ])('keycard %j loads none of %s', (args, forbidden) => {
    const imports = importsOf(args);
    expect(imports).toContain('commander'); // the recorder works
    expect(imports.filter((s) => forbidden.test(s))).toEqual([]);
  });
});
