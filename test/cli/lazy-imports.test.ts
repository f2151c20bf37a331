// `keycard test` in CI must not pay for the explorer (Ink, React); commands that need no Cedar
// must not load its wasm either.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../temp.js';

const root = join(import.meta.dirname, '../..');

function importsOf(args: string[], cwd = root, status = 0): string[] {
  const log = join(tempDir('keycard-imports-'), 'imports.log');
  const r = spawnSync(
    process.execPath,
    ['--import', join(root, 'test/fixtures/cli/record-imports.mjs'), join(root, 'bin/keycard.js'), ...args],
    {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, KEYCARD_IMPORT_LOG: log, CI: 'true', NO_COLOR: '1' },
    },
  );
  expect(r.status, r.stderr).toBe(status);
  let lines: string[];
  try {
    lines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
  // A file of the CLI bundle stands for the packages bundled into it.
  return lines.flatMap((l) => (l.startsWith('bundle:') ? (bundled()[l.slice(7)] ?? []) : [l]));
}

let packagesOf: Record<string, string[]> | undefined;
function bundled(): Record<string, string[]> {
  return (packagesOf ??= JSON.parse(readFileSync(join(root, 'dist/cli-bundle/packages.json'), 'utf8')) as Record<string, string[]>);
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

  // A project without a `cedar` section never loads the wasm; the example, which has one, does.
  // (The fixture project has failing scenarios and an error on purpose: exit code 1.)
  const noCedar = 'test/fixtures/report/project';
  it.each([
    [['test'], noCedar, 1, false],
    [['validate'], noCedar, 1, false],
    [['test'], '.', 0, true],
    [['validate'], '.', 0, true],
  ])('keycard %j in %s (exit %i) loads cedar-wasm: %s', (args, cwd, status, loads) => {
    const imports = importsOf(args, join(root, cwd), status);
    expect(imports).toContain('commander');
    expect(imports.some((s) => s.includes('cedar-wasm'))).toBe(loads);
  });
});
