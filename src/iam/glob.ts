/**
 * Linear-space, O(n·m)-worst-case wildcard matching (no regex, so no catastrophic backtracking on
 * patterns like `*a*a*a*a*b`). Compiled patterns mark wildcards with private-use code points so
 * that escaped `${*}` / `${?}` and substituted variable values stay literal.
 */

/** Marks a `*` wildcard inside a compiled pattern. */
export const STAR = '\uE000';
/** Marks a `?` wildcard inside a compiled pattern. */
export const ANY_ONE = '\uE001';
const STAR_CODE = 0xe000;
const ANY_CODE = 0xe001;

/** Turns a policy string into a compiled pattern: `*` and `?` become wildcards. */
export function toPattern(text: string): string {
  return text.replace(/[*?]/g, (c) => (c === '*' ? STAR : ANY_ONE));
}

/** Removes wildcard markers from text that must stay literal (values substituted into patterns). */
export function literal(text: string): string {
  if (!hasWildcard(text)) return text;
  return text.replace(/[\uE000\uE001]/g, '');
}

/** True when the compiled pattern contains a wildcard. */
export function hasWildcard(pattern: string): boolean {
  return pattern.includes(STAR) || pattern.includes(ANY_ONE);
}

/** Readable form of a compiled pattern (for explanations). */
export function showPattern(pattern: string): string {
  return pattern.replace(/[\uE000\uE001*?$]/g, (c) => (c === STAR ? '*' : c === ANY_ONE ? '?' : `\${${c}}`));
}

/**
 * Matches `text` against a compiled pattern. Iterative: on a mismatch it resumes after the last
 * star, consuming one more character; every (pattern, text) position pair is visited at most
 * once per star, which bounds the work by pattern length × text length.
 */
export function globMatch(pattern: string, text: string): boolean {
  const pl = pattern.length;
  const tl = text.length;
  let p = 0;
  let t = 0;
  let starP = -1;
  let starT = 0;
  while (t < tl) {
    if (p < pl) {
      const pc = pattern.charCodeAt(p);
      if (pc === STAR_CODE) {
        // Collapse runs of stars: they match the same as one.
        while (p < pl && pattern.charCodeAt(p) === STAR_CODE) p++;
        if (p === pl) return true;
        starP = p;
        starT = t;
        continue;
      }
      if (pc === ANY_CODE || pc === text.charCodeAt(t)) {
        p++;
        t++;
        continue;
      }
    }
    if (starP < 0) return false;
    p = starP;
    t = ++starT;
  }
  while (p < pl && pattern.charCodeAt(p) === STAR_CODE) p++;
  return p === pl;
}

/** A matcher specialised once for a fixed pattern: equality, prefix, suffix, or the general glob. */
export type Matcher = (text: string) => boolean;

export function compileMatcher(pattern: string): Matcher {
  if (!hasWildcard(pattern)) return (t) => t === pattern;
  if (pattern === STAR) return () => true;
  const body = pattern.slice(0, -1);
  if (pattern.endsWith(STAR) && !hasWildcard(body)) return (t) => t.startsWith(body);
  const tail = pattern.slice(1);
  if (pattern.startsWith(STAR) && !hasWildcard(tail)) return (t) => t.endsWith(tail);
  return (t) => globMatch(pattern, t);
}
