/**
 * The CLI bundle gives Ink the explorer's string-width and ansi-tokenize (scripts/bundle-explorer.mjs).
 * Nothing else imports them, so they are in the bundle only if the swap happened.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const dir = join(ROOT, 'dist/cli-bundle');
const built = existsSync(dir);
if (!built) console.warn('test/tui/bundle-swaps.test.ts: dist/cli-bundle is not built; run `npm run build` first');

describe.skipIf(!built)('the CLI bundle', () => {
  it("has Ink's chunk use the explorer's string-width and ansi-tokenize", () => {
    const sourcesOf = (map: string) => (JSON.parse(readFileSync(join(dir, map), 'utf8')) as { sources: string[] }).sources;
    const ink = readdirSync(dir)
      .filter((f) => f.endsWith('.js.map'))
      .map(sourcesOf)
      .find((sources) => sources.some((s) => s.includes('node_modules/ink/')));
    expect(ink).toBeDefined();
    expect(ink!.filter((s) => s.startsWith('../../src/tui/') && /string-width|ansi-tokenize/.test(s)).sort()).toEqual([
      '../../src/tui/ansi-tokenize.ts',
      '../../src/tui/string-width.ts',
    ]);
  });
});
