/** The explorer's string-width (src/tui/string-width.ts) must give string-width's answer for every string. */
import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import fastStringWidth, { SIMPLE_RANGES } from '../../src/tui/string-width.js';

const simple = SIMPLE_RANGES.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i)));
// Characters that join with their neighbours or have no width, and wide ones: the fast path must hand these over.
const others = [
  '\u0301',
  '\u200D',
  '\uFE0F',
  '\u20E3',
  '\u00AD',
  '\u200B',
  '\t',
  '\n',
  '\u001B',
  '中',
  '한',
  '\u1100',
  '\u1161',
  '🇩',
  '🇪',
  '👍',
  '🏽',
  '👨‍👩‍👧',
  'ｱ',
  'ﾞ',
];
const ansi = ['\u001B[31m', '\u001B[39m', '\u001B[1m', '\u001B[22m', '\u001B[2m', '\u001B[7m', '\u001B[27m'];

describe('the explorer string-width', () => {
  it('gives each simple code point the width string-width gives it', () => {
    const wrong = simple.filter((c) => fastStringWidth(c) !== stringWidth(c)).map((c) => c.codePointAt(0)!.toString(16));
    expect(wrong).toEqual([]);
    expect(simple.length).toBeGreaterThan(3000);
  });

  it('finds each simple code point a grapheme cluster of its own, whatever its neighbours', () => {
    // A mark or spacing mark would join the letter before it, a prepended character the one after.
    const segments = [...new Intl.Segmenter().segment(`a${simple.join('a')}a`)].map((s) => s.segment);
    expect(segments.filter((s) => [...s].length !== 1)).toEqual([]);
    expect(segments.length).toBe(2 * simple.length + 1);
  });

  it('gives string-width’s answer for random strings of simple and other characters, with colours', () => {
    const piece = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...simple) },
      { weight: 1, arbitrary: fc.constantFrom(...others) },
      { weight: 1, arbitrary: fc.constantFrom(...ansi) },
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const s = pieces.join('');
        expect(fastStringWidth(s)).toBe(stringWidth(s));
      }),
      { numRuns: 3000 },
    );
  });

  it('passes options and non-strings to string-width', () => {
    expect(fastStringWidth('·─', { ambiguousIsNarrow: false })).toBe(stringWidth('·─', { ambiguousIsNarrow: false }));
    expect(fastStringWidth('·─', { ambiguousIsNarrow: false })).toBe(4);
    expect(fastStringWidth(undefined as unknown as string)).toBe(0);
  });

  it('measures what the explorer draws', () => {
    for (const s of [
      '╭─ ● Users ────── 2/12 ╮',
      '│▶✓ guest: default role `role/PhotoShareGuestRole` │',
      '· · ✓ ✗ ~ … ▲ ▼ ◀ ▶ ○ ●',
      '\u001B[36m▶ \u001B[39mphotos',
    ])
      expect(fastStringWidth(s)).toBe(stringWidth(s));
  });
});
