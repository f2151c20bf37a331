// The glob matcher against a regex reference on random inputs, and a pathological pattern.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileTextMatcher, textMatches } from '../../src/iam/fast/text-matcher.js';
import { globMatch, toPattern } from '../../src/iam/glob.js';

function reference(pattern: string, text: string): boolean {
  const re = pattern.replace(/[.+^${}()|[\]\\*?]/g, (c) => (c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : `\\${c}`));
  return new RegExp(`^${re}$`).test(text);
}

const alphabet = fc.constantFrom('a', 'b', '/', ':', '*', '?', '?');
const textAlphabet = fc.constantFrom('a', 'b', '/', ':');

describe('globMatch', () => {
  it('agrees with a regex reference', () => {
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }), fc.array(textAlphabet, { maxLength: 14 }), (p, t) => {
        const pattern = p.join('');
        const text = t.join('');
        expect(globMatch(toPattern(pattern), text)).toBe(reference(pattern, text));
        expect(textMatches(compileTextMatcher(toPattern(pattern)), text)).toBe(reference(pattern, text));
      }),
      { numRuns: 3000 },
    );
  });
  it('never throws on arbitrary strings', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (p, t) => typeof globMatch(toPattern(p), t) === 'boolean'));
  });
  it('treats literal * and ? (escaped) as plain characters', () => {
    expect(globMatch('a*b', 'a*b')).toBe(true);
    expect(globMatch('a*b', 'axb')).toBe(false);
  });
  it('handles *a*a*a*a*b against a 100k string (no backtracking blow-up)', () => {
    const text = 'a'.repeat(100_000);
    expect(globMatch(toPattern('*a*a*a*a*b'), text)).toBe(false);
    expect(globMatch(toPattern('*a*a*a*a*b'), text + 'b')).toBe(true);
  });
  // Issue 10 §2: `*aaaa…ab*` took 21 s of CPU with the old O(pattern × text) matcher. Results only.
  it('decides the pathological *aaaa…ab* pattern correctly', () => {
    const pattern = toPattern(`*${'a'.repeat(20_000)}b*`);
    const text = 'a'.repeat(200_000);
    expect(globMatch(pattern, text)).toBe(false);
    expect(globMatch(pattern, `${text}b`)).toBe(true);
    expect(globMatch(pattern, `x${'a'.repeat(19_999)}bx`)).toBe(false);
    const withAny = toPattern(`*${'a?'.repeat(5_000)}b*`);
    expect(globMatch(withAny, text)).toBe(false);
    expect(globMatch(withAny, `${text}b`)).toBe(true);
  });
});
