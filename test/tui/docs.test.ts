/** docs/explore.md lists the keys the keymap has (UPDATE_DOCS=1 rewrites the section). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { KEYS_BEGIN, KEYS_END, keymapMarkdown } from '../../src/tui/model/keymap-doc.js';
import { ROOT } from './helpers.js';

it('docs/explore.md has the keys of the keymap', () => {
  const file = join(ROOT, 'docs/explore.md');
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(KEYS_BEGIN);
  const end = text.indexOf(KEYS_END) + KEYS_END.length;
  expect(start).toBeGreaterThanOrEqual(0);
  const current = text.slice(start, end);
  if (process.env.UPDATE_DOCS === '1' && current !== keymapMarkdown())
    writeFileSync(file, text.slice(0, start) + keymapMarkdown() + text.slice(end));
  else expect(current).toBe(keymapMarkdown());
});
