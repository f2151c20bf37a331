/**
 * End to end: the built CLI (`node bin/keycard.cjs explore`) in a real pseudo-terminal via tmux.
 * Skipped with a message when tmux is not installed (CI installs it). Also measures startup.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyOfExample, ROOT } from './helpers.js';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const built = existsSync(join(ROOT, 'dist/tui/app.js'));
if (!hasTmux) console.warn('test/tui/e2e.test.ts: tmux is not installed; skipping the pseudo-terminal test (CI installs tmux)');
if (!built) console.warn('test/tui/e2e.test.ts: dist/ is not built; run `npm run build` first');

const session = `keycard-e2e-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-t', session);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(test: RegExp, timeout = 20_000): Promise<string> {
  const end = Date.now() + timeout;
  for (;;) {
    const s = screen();
    if (test.test(s)) return s;
    if (Date.now() > end) throw new Error(`timed out waiting for ${test}; screen:\n${s}`);
    await sleep(25);
  }
}

async function keys(...ks: string[]) {
  for (const k of ks) {
    tmux('send-keys', '-t', session, k);
    await sleep(60);
  }
}

describe.skipIf(!hasTmux || !built)('keycard explore in tmux', () => {
  afterAll(() => {
    spawnSync('tmux', ['kill-session', '-t', session]);
  });

  it("starts, answers the newcomer's two questions, and quits", async () => {
    const started = Date.now();
    // A copy of the example, so that other work in the checkout cannot change the screen under the test.
    const dir = copyOfExample();
    tmux(
      'new-session',
      '-d',
      '-x',
      '100',
      '-y',
      '30',
      '-s',
      session,
      '-c',
      dir,
      `node ${join(ROOT, 'bin/keycard.cjs')} explore; echo "exit $?"; sleep 30`,
    );
    const first = await waitFor(/S3 access[\s\S]*GetObject/);
    const startupMs = Date.now() - started;
    console.log(`keycard explore: first full screen (users, result and access map) after ${startupMs} ms`);
    // What can a guest do?
    expect(first).toMatch(/role PhotoShareGuestRole/);
    expect(first).toMatch(/GetObject/);
    // Why can an editor not delete others' photos?
    await keys('j', 'j');
    await waitFor(/role PhotoShareEditorRole/);
    await keys('Tab', 'Tab', 'Tab', '/');
    tmux('send-keys', '-t', session, '-l', 'delete another');
    await keys('Enter');
    await waitFor(/private\/<another user>\/\* implicit deny/);
    await keys('Enter');
    const why = await waitFor(/OwnPublicProtectedAndPrivatePhotos does not match/);
    expect(why).toMatch(/policies\/signed-in-user\.json:\d+:\d+/);
    await keys('Escape');
    await waitFor(/S3 access/);
    // Follows a resize.
    tmux('resize-window', '-t', session, '-x', '80', '-y', '24');
    const small = await waitFor(/╰─+╯[\s\S]*q quit/);
    expect(small.split('\n').every((l) => [...l].length <= 80)).toBe(true);
    await keys('q');
    await waitFor(/exit 0/);
  });
});
