// `keycard test` with the Cedar caches on, as a user runs it: the second run of an unchanged
// project answers every app line from the cache without loading cedar-wasm, and reports exactly
// what a run without a cache reports (passes, failures, their messages and positions).
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../temp.js';

const root = join(import.meta.dirname, '../..');

/** A copy of the example with one more scenario file whose app lines fail in several ways. */
function example(): string {
  const dir = tempDir('keycard-test-cache-');
  for (const f of ['keycard.yaml', 'policies', 'scenarios']) cpSync(join(root, f), join(dir, f), { recursive: true });
  const photos = readFileSync(join(dir, 'scenarios/photos.yaml'), 'utf8');
  const vera = photos.slice(
    photos.indexOf('  - name: viewers can look but not touch'),
    photos.indexOf('  - name: a signed-in user in no group'),
  );
  const failing = vera
    .replace('viewers can look but not touch', 'app lines that fail')
    .replace(
      '- Action::"viewPhoto" on Photo::"cat.jpg"',
      '- Action::"deletePhoto" on Photo::"cat.jpg"\n          - Action::"frobnicate" on Photo::"cat.jpg"',
    );
  writeFileSync(join(dir, 'scenarios/failing.yaml'), `project: ../keycard.yaml\nscenarios:\n${failing}`);
  return dir;
}

function keycardTest(cwd: string, cacheDir: string) {
  const log = join(tempDir('keycard-imports-'), 'imports.log');
  const r = spawnSync(
    process.execPath,
    ['--import', join(root, 'test/fixtures/cli/record-imports.mjs'), join(root, 'bin/keycard.cjs'), 'test', '--format', 'json'],
    { cwd, encoding: 'utf8', env: { ...process.env, KEYCARD_IMPORT_LOG: log, KEYCARD_CACHE_DIR: cacheDir, CI: 'true', NO_COLOR: '1' } },
  );
  let imports = '';
  try {
    imports = readFileSync(log, 'utf8');
  } catch {
    // nothing imported
  }
  return {
    status: r.status,
    report: r.stdout.replace(/"durationMs": [\d.]+/g, '"durationMs": 0'),
    stderr: r.stderr,
    cedar: imports.includes('cedar-wasm'),
  };
}

describe('keycard test with the Cedar caches', () => {
  it('decides app lines once; later runs report the same without loading cedar-wasm', () => {
    const dir = example();
    const off = keycardTest(dir, 'off');
    expect(off.status, off.stderr).toBe(1);
    expect(off.report).toContain('frobnicate');
    expect(off.cedar).toBe(true);
    const cache = join(tempDir('keycard-cache-'), 'cache');
    const cold = keycardTest(dir, cache);
    expect({ ...cold, cedar: true }).toEqual(off);
    expect(cold.cedar).toBe(true);
    const warm = keycardTest(dir, cache);
    expect({ ...warm, cedar: true }).toEqual(off);
    expect(warm.cedar).toBe(false);
    // A policy edit is decided again.
    writeFileSync(join(dir, 'policies/photos.cedar'), readFileSync(join(dir, 'policies/photos.cedar'), 'utf8') + '\n// edited\n');
    expect(keycardTest(dir, cache).cedar).toBe(true);
  });
});
