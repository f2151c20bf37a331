/**
 * Wildcard matchers as plain data (a kind and a text) rather than closures: one monomorphic
 * function matches them all, which V8 inlines in the hot loop. Same results as `globMatch`.
 */
import { compileGlob, globTest, hasWildcard, STAR, type Glob } from '../glob.js';

const EXACT = 0;
const ANYTHING = 1;
const PREFIX = 2;
const SUFFIX = 3;
const GLOB = 4;

export interface TextMatcher {
  kind: 0 | 1 | 2 | 3 | 4;
  /** The literal to compare (EXACT, PREFIX, SUFFIX) or the compiled pattern (GLOB). */
  text: string;
  /** GLOB: the compiled pattern. */
  glob?: Glob;
}

export function compileTextMatcher(pattern: string): TextMatcher {
  if (!hasWildcard(pattern)) return { kind: EXACT, text: pattern };
  if (pattern === STAR) return { kind: ANYTHING, text: '' };
  const body = pattern.slice(0, -1);
  if (pattern.endsWith(STAR) && !hasWildcard(body)) return { kind: PREFIX, text: body };
  const tail = pattern.slice(1);
  if (pattern.startsWith(STAR) && !hasWildcard(tail)) return { kind: SUFFIX, text: tail };
  return { kind: GLOB, text: pattern, glob: compileGlob(pattern) };
}

export function textMatches(m: TextMatcher, s: string): boolean {
  return textMatchesFrom(m, s, 0);
}

/** Matches `s` from index `from` on (the text before it has been matched already). */
export function textMatchesFrom(m: TextMatcher, s: string, from: number): boolean {
  switch (m.kind) {
    case EXACT:
      return s.length - from === m.text.length && s.startsWith(m.text, from);
    case ANYTHING:
      return true;
    case PREFIX:
      return s.startsWith(m.text, from);
    case SUFFIX:
      return s.length - from >= m.text.length && s.endsWith(m.text);
    default:
      return globTest(m.glob!, from === 0 ? s : s.slice(from));
  }
}
