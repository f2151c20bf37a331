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
