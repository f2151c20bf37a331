// The CommonJS runs write to the file descriptors (src/text/stdio.ts): no stream module is loaded
// for them, what they write is the same, and a closed pipe still ends a run quietly.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../temp.js';
import { keycard, root } from './helpers.js';

const BIN = join(root, 'bin/keycard.cjs');
const ENV = { ...process.env, CI: 'true', NO_COLOR: '1', KEYCARD_CACHE_DIR: 'off' };
const EDITOR = ['--scenario', 'scenarios/photos.yaml#editors'];

describe('standard output of the CommonJS runs', () => {
  it.each([
    [['resolve', ...EDITOR], 0],
    [['resolve', '--scenario', 'scenarios/none.yaml#x'], 2],
  ])('keycard %j writes without loading Node stream, net or tty modules (exit %i)', (args, status) => {
    const log = join(tempDir('keycard-builtins-'), 'builtins.log');
    const r = spawnSync(process.execPath, ['--require', join(root, 'test/fixtures/cli/record-builtins.cjs'), BIN, ...args], {
      cwd: root,
      encoding: 'utf8',
      env: { ...ENV, KEYCARD_BUILTINS_LOG: log },
    });
    expect(r.status, r.stderr).toBe(status);
    expect(r.stdout.length + r.stderr.length).toBeGreaterThan(0);
    const loaded = readFileSync(log, 'utf8').split('\n');
    expect(loaded).toContain('NativeModule vm'); // the recorder works
    expect(loaded.filter((m) => /^NativeModule (stream|net|tty|internal\/streams\/)/.test(m))).toEqual([]);
  });

  it('writes what the in-process CLI writes, on both outputs', async () => {
    for (const args of [
      ['resolve', ...EDITOR, '--format', 'json'],
      ['resolve', '--scenario', 'scenarios/none.yaml#x'],
    ]) {
      const child = spawnSync(process.execPath, [BIN, ...args], { cwd: root, encoding: 'utf8', env: ENV });
      const inProcess = await keycard(args);
      expect({ code: child.status, stdout: child.stdout, stderr: child.stderr }).toEqual(inProcess);
    }
  });

  it('ends quietly, with exit 0, when the reader has closed the pipe', async () => {
    const child = spawn(process.execPath, [BIN, 'access', ...EDITOR, '--format', 'json'], { cwd: root, env: ENV });
    child.stdout.destroy(); // every write of the child now fails with EPIPE
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((done) => child.on('exit', done));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  });
});
