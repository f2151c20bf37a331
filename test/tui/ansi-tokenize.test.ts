/** The explorer's styledCharsToString (src/tui/ansi-tokenize.ts) must give the package's text for every row. */
import * as pkg from '@alcalzone/ansi-tokenize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as fast from '../../src/tui/ansi-tokenize.js';

// What chalk writes for the explorer's styles, and a few more.
const codes = [
  '\u001B[31m',
  '\u001B[32m',
  '\u001B[36m',
  '\u001B[90m',
  '\u001B[39m',
  '\u001B[1m',
  '\u001B[2m',
  '\u001B[22m',
  '\u001B[7m',
  '\u001B[27m',
  '\u001B[4m',
  '\u001B[24m',
  '\u001B[43m',
  '\u001B[49m',
  '\u001B[0m',
  '\u001B[38;5;208m',
];
const texts = ['a', ' ', '│', '─', '✓', '·', 'GetObject', '中'];
const blank = (): pkg.StyledChar => ({ type: 'char', value: ' ', fullWidth: false, styles: [] });

describe('the explorer styledCharsToString', () => {
  it("gives the package's text for rows made as Ink makes them (several writes, blank cells between)", () => {
    const write = fc.array(fc.oneof(fc.constantFrom(...codes), fc.constantFrom(...texts)), { maxLength: 20 }).map((p) => p.join(''));
    const cell = fc.oneof(
      write.map((s) => pkg.styledCharsFromTokens(pkg.tokenize(s))),
      fc.nat(3).map((n) => Array.from({ length: n }, blank)),
    );
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 8 }), (parts) => {
        const row = parts.flat();
        expect(fast.styledCharsToString(row)).toBe(pkg.styledCharsToString(row));
      }),
      { numRuns: 3000 },
    );
  });

  it('exports the rest of the package unchanged', () => {
    expect(fast.tokenize).toBe(pkg.tokenize);
    expect(fast.styledCharsFromTokens).toBe(pkg.styledCharsFromTokens);
    expect(fast.styledCharsToString).not.toBe(pkg.styledCharsToString);
  });
});
