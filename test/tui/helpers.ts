/** Shared by the explorer tests: the bundled example as a workspace, and key presses. */
import { cpSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { KeyPress } from '../../src/tui/model/keys.js';
import { loadWorkspace, type Workspace } from '../../src/tui/model/workspace.js';
import { tempDir } from '../temp.js';

export const ROOT = resolve(import.meta.dirname, '../..');
const EXAMPLE = join(ROOT, 'keycard.yaml');

let cached: Workspace | undefined;
export function exampleWorkspace(): Workspace {
  return (cached ??= loadWorkspace(EXAMPLE));
}

/** A copy of the example project (keycard.yaml, policies/, scenarios/) in a temporary directory. */
export function copyOfExample(): string {
  const dir = tempDir('keycard-tui-');
  cpSync(join(ROOT, 'keycard.yaml'), join(dir, 'keycard.yaml'));
  cpSync(join(ROOT, 'policies'), join(dir, 'policies'), { recursive: true });
  cpSync(join(ROOT, 'scenarios'), join(dir, 'scenarios'), { recursive: true });
  return dir;
}

export const press = (name: KeyPress['name'], text = '', extra: Partial<KeyPress> = {}): KeyPress => ({
  name,
  text,
  ctrl: false,
  shift: false,
  ...extra,
});
export const ch = (text: string): KeyPress => press(text === ' ' ? 'space' : 'char', text);

/** A frame without terminal escape sequences. */
// eslint-disable-next-line no-control-regex -- removing ANSI escape sequences is the point
export const strip = (s: string | undefined) => (s ?? '').replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '');

/** Waits until the frame (escapes stripped) matches `test`, and returns it. */
export async function until(frame: () => string | undefined, test: RegExp, timeout = 5000): Promise<string> {
  const end = Date.now() + timeout;
  for (;;) {
    const f = strip(frame());
    if (test.test(f)) return f;
    if (Date.now() > end) throw new Error(`timed out waiting for ${test}; last frame:\n${f}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
