/** The explorer with a policy AWS would refuse on the user's path (issue 9 §3): the result pane
 * says so at file:line:col, not only the Why panel. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/tui/app.js';
import { loadWorkspace } from '../../src/tui/model/workspace.js';
import { copyOfExample, until } from './helpers.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

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
