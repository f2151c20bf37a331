// The CommonJS bundle's code cache (src/cli/code-cache.ts) and YAML cache (src/load/yaml-cache.ts):
// a run with entries, with a damaged entry, or with a cache directory that cannot be written prints
// exactly what a run without one does.
import { readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeCacheFile } from '../../src/cli/code-cache.js';
import { tempDir } from '../temp.js';
import { spawnKeycard } from './helpers.js';

const args = ['resolve', '--scenario', 'scenarios/photos.yaml#editors'];

/** A cache directory, its code-cache entries, and a run of `command` with it. */
function cacheDirFor(command: string) {
  const dir = tempDir('keycard-code-cache-');
  const code = () => readdirSync(dir).filter((f) => f.startsWith('code-'));
  const run = () => spawnKeycard([command], { env: { KEYCARD_CACHE_DIR: dir } });
  /** Runs until the first entry is written (the first run keeps the YAML files instead). */
  const warm = () => {
    for (let i = 0; i < 4 && code().length === 0; i++) run();
  };
  return { dir, code, run, warm, plain: spawnKeycard([command], { env: { KEYCARD_CACHE_DIR: 'off' } }) };
}

describe('code cache', () => {
  it('names one entry per build, command and Node; none without a build line or a directory', () => {
    const a = codeCacheFile('// keycard-build abc123\nx', 'resolve', '/c');
    expect(a).toBe(join('/c', `code-abc123-resolve-${process.version}-${process.arch}.bin`));
    expect(codeCacheFile('// keycard-build abc124\nx', 'resolve', '/c')).not.toBe(a);
    expect(codeCacheFile('// keycard-build abc123\nx', 'test', '/c')).not.toBe(a);
    expect(codeCacheFile('// keycard-build abc123\nx', '../../etc', '/c')).toContain('-other-');
    expect(codeCacheFile('x', 'resolve', '/c')).toBeUndefined();
    expect(codeCacheFile('// keycard-build abc123\nx', 'resolve', undefined)).toBeUndefined();
    expect(codeCacheFile('// keycard-build abc123\nx', 'resolve', '/c', true)).toBe(
      join('/c', `code-abc123-resolve-liftoff-${process.version}-${process.arch}.bin`),
    );
  });

  it('keeps the entry of a run that compiled WebAssembly under its flags, and the next run takes it', () => {
    // `validate` checks the Cedar app: cedar-wasm compiles, after --liftoff-only is set (load/wasm-tier.ts).
    const { dir, code, run, warm, plain } = cacheDirFor('validate');
    warm();
    expect(code()).toEqual([expect.stringContaining('-validate-liftoff-')]);
    const entry = join(dir, code()[0]!);
    const before = statSync(entry).ino;
    // V8 refuses an entry made under other flags, and the run would write it again (a new file, renamed over it).
    expect(run()).toEqual(plain);
    expect(statSync(entry).ino).toBe(before);
  });

  it('gives the same output with no cache, a new entry, a used entry and a damaged entry', () => {
    const plain = spawnKeycard(args, { env: { KEYCARD_CACHE_DIR: 'off' } });
    expect(plain.code, plain.stderr).toBe(0);
    const dir = tempDir('keycard-code-cache-');
    const code = () => readdirSync(dir).filter((f) => f.startsWith('code-'));
    // The first run keeps its YAML files (load/yaml-cache.ts); the code cache waits for a run that reads them.
    const first = spawnKeycard(args, { env: { KEYCARD_CACHE_DIR: dir } });
    expect(readdirSync(dir).filter((f) => f.startsWith('yaml-'))).toHaveLength(2);
    expect(code()).toEqual([]);
    const second = spawnKeycard(args, { env: { KEYCARD_CACHE_DIR: dir } });
    expect(code()).toHaveLength(1);
    expect(code()[0]).toContain('-resolve-');
    const third = spawnKeycard(args, { env: { KEYCARD_CACHE_DIR: dir } });
    const entry = join(dir, code()[0]!);
    writeFileSync(entry, Buffer.alloc(4096, 7)); // V8 refuses it: compiled again, written again
    const damaged = spawnKeycard(args, { env: { KEYCARD_CACHE_DIR: dir } });
    for (const r of [first, second, third, damaged]) expect(r).toEqual(plain);
    expect(readFileSync(entry).equals(Buffer.alloc(4096, 7))).toBe(false);
  });

  it('drops the entry of a run with WebAssembly when the next run compiles none, for a plain one', () => {
    // `test` on the example: a warm decision cache (cedar/decision-cache.ts) answers without cedar-wasm.
    const { dir, code, run, warm, plain } = cacheDirFor('test');
    warm();
    expect(code()).toEqual([expect.stringContaining('-test-v')]);
    // As if the last run had decided with Cedar: only a `-liftoff` entry.
    const liftoff = code()[0]!.replace('-test-', '-test-liftoff-');
    renameSync(join(dir, code()[0]!), join(dir, liftoff));
    expect(run()).toEqual(plain);
    expect(code()).toEqual([]);
    expect(run()).toEqual(plain);
    expect(code()).toEqual([expect.stringContaining('-test-v')]);
  });

  it('runs as without a cache when the directory cannot be made', () => {
    const file = join(tempDir('keycard-code-cache-'), 'a-file');
    writeFileSync(file, '');
    const plain = spawnKeycard(args, { env: { KEYCARD_CACHE_DIR: 'off' } });
    expect(spawnKeycard(args, { env: { KEYCARD_CACHE_DIR: join(file, 'cache') } })).toEqual(plain);
  });
});
