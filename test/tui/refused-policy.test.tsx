/** The explorer with a policy AWS would refuse on the user's path (issue 9 §3): the result pane
 * says so at file:line:col, not only the Why panel. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/tui/app.js';
import { loadWorkspace } from '../../src/tui/model/workspace.js';
import { copyOfExample } from './helpers.js';

// eslint-disable-next-line no-control-regex -- removing ANSI escape sequences is the point
const strip = (s: string | undefined) => (s ?? '').replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '');
let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

async function until(frame: () => string | undefined, test: RegExp, timeout = 5000): Promise<string> {
  const end = Date.now() + timeout;
  for (;;) {
    const f = strip(frame());
    if (test.test(f)) return f;
    if (Date.now() > end) throw new Error(`timed out waiting for ${test}; last frame:\n${f}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('explorer with a refused policy', () => {
  it('shows the refusal with file:line:col in the result pane', async () => {
    const dir = copyOfExample();
    const file = join(dir, 'policies', 'guest.json');
    const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...json, Condition: { Bool: { 'aws:SecureTransport': 'true' } } }, null, 2));
    const workspace = loadWorkspace(join(dir, 'keycard.yaml'));
    const r = render(<App workspace={workspace} watch={false} size={{ columns: 160, rows: 40 }} />);
    cleanup = r.unmount;
    const f = await until(r.lastFrame, /refused policy/);
    expect(f).toMatch(/✗ refused policy \S*policies[\\/]guest\.json:30:16: error\[iam_misplaced_field\]/);
  });

  it('shows no refusal when every policy is accepted', async () => {
    const workspace = loadWorkspace(join(copyOfExample(), 'keycard.yaml'));
    const r = render(<App workspace={workspace} watch={false} size={{ columns: 160, rows: 40 }} />);
    cleanup = r.unmount;
    const f = await until(r.lastFrame, /✓ role PhotoShareGuestRole/);
    expect(f).not.toMatch(/refused policy/);
  });
});
