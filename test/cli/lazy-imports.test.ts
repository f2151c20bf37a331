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
    ['--import', join(root, 'test/fixtures/cli/record-imports.mjs'), join(root, 'bin/keycard.cjs'), ...args],
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
  const UI = /^(ink|react|@inkjs\/|ink-)/;
  const UI_OR_CEDAR = /^(ink|react|@inkjs\/|ink-)|cedar-wasm/;

  // Commands other than the explorer run from one CommonJS file (scripts/bundle-cli.mjs): what it
  // holds is what they can load without a record here.
  it('the CommonJS bundle holds commander and no package of the explorer or Cedar', () => {
    const held = bundled()['main.cjs'] ?? [];
    expect(held).toContain('commander');
    expect(held.filter((s) => UI_OR_CEDAR.test(s))).toEqual([]);
  });

  it('keycard --help and --version load no package of the explorer or Cedar', () => {
    for (const args of [['--help'], ['--version']]) {
      const imports = importsOf(args);
      expect(imports).toContain('commander');
      expect(imports.filter((s) => UI_OR_CEDAR.test(s))).toEqual([]);
    }
  });

  it('bare keycard without a terminal prints the report from the ES module bundle, without Ink or React', () => {
    const imports = importsOf([]);
    expect(imports).toContain('commander');
    expect(imports.filter((s) => UI.test(s))).toEqual([]);
  });
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
