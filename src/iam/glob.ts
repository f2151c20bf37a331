/**
 * Wildcard matching in linear time (no regex, so no catastrophic backtracking on patterns like
 * `*a*a*a*a*b`). Compiled patterns mark wildcards with private-use code points so
 * that escaped `${*}` / `${?}` and substituted variable values stay literal.
 */

/** Marks a `*` wildcard inside a compiled pattern. */
export const STAR = '\uE000';
/** Marks a `?` wildcard inside a compiled pattern. */
export const ANY_ONE = '\uE001';
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
 * A compiled pattern split at its stars into chunks (literal text, `?` allowed). A text matches
 * when the first chunk is its prefix, the last its suffix, and the middle chunks occur in order
 * between them; taking each middle chunk's leftmost occurrence is enough (any later match could
 * be moved left). Each chunk is searched once, left to right, with a linear search (KMP for
 * literal chunks, bit-parallel Shift-And for chunks with `?`), so the work is O(text + pattern)
 * words, never pattern × text (a pattern like `*aaaa…ab*` once took 21 s of CPU).
 */
interface Chunk {
  text: string;
  /** Literal chunk: the KMP failure table. */
  fail?: Int32Array;
  /** Chunk with `?`: per-character bit masks (Shift-And), `any` for characters not in the chunk. */
  masks?: Map<number, Uint32Array>;
  any?: Uint32Array;
}

export interface Glob {
  /** The pattern has no star: the text must match `chunks[0]` exactly. */
  starless: boolean;
  chunks: Chunk[];
}

function makeChunk(text: string): Chunk {
  const m = text.length;
  if (!text.includes(ANY_ONE)) {
    const fail = new Int32Array(m + 1);
    fail[0] = -1;
    for (let i = 1, k = -1; i <= m; i++) {
      while (k >= 0 && text.charCodeAt(k) !== text.charCodeAt(i - 1)) k = fail[k]!;
      fail[i] = ++k;
    }
    return { text, fail };
  }
  const words = (m + 31) >>> 5;
  const any = new Uint32Array(words);
  for (let i = 0; i < m; i++) if (text.charCodeAt(i) === ANY_CODE) any[i >>> 5]! |= 1 << (i & 31);
  const masks = new Map<number, Uint32Array>();
  for (let i = 0; i < m; i++) {
    const c = text.charCodeAt(i);
    if (c === ANY_CODE) continue;
    let mask = masks.get(c);
    if (!mask) masks.set(c, (mask = Uint32Array.from(any)));
    mask[i >>> 5]! |= 1 << (i & 31);
  }
  return { text, masks, any };
}

/** Compiles a pattern for `globTest` (cached by `globMatch`). */
export function compileGlob(pattern: string): Glob {
  const parts = pattern.split(STAR);
  return { starless: parts.length === 1, chunks: parts.map(makeChunk) };
}

/** `chunk` at `at` of `text`, character by character (`?` matches any one). */
function chunkAt(chunk: string, text: string, at: number): boolean {
  for (let i = 0; i < chunk.length; i++) {
    const c = chunk.charCodeAt(i);
    if (c !== ANY_CODE && c !== text.charCodeAt(at + i)) return false;
  }
  return true;
}

/** The end of the leftmost occurrence of `chunk` in text[from, to), or -1. Linear in to − from. */
function find(ch: Chunk, text: string, from: number, to: number): number {
  const m = ch.text.length;
  if (m === 0) return from;
  if (ch.fail) {
    const fail = ch.fail;
    const p = ch.text;
    for (let t = from, k = 0; t < to; t++) {
      const c = text.charCodeAt(t);
      while (k >= 0 && p.charCodeAt(k) !== c) k = fail[k]!;
      if (++k === m) return t + 1;
    }
    return -1;
  }
  const words = ch.any!.length;
  const state = new Uint32Array(words);
  const top = (m - 1) >>> 5;
  const topBit = 1 << ((m - 1) & 31);
  for (let t = from; t < to; t++) {
    const mask = ch.masks!.get(text.charCodeAt(t)) ?? ch.any!;
    let carry = 1;
    for (let w = 0; w < words; w++) {
      const v = state[w]!;
      state[w] = ((v << 1) | carry) & mask[w]!;
      carry = v >>> 31;
    }
    if (state[top]! & topBit) return t + 1;
  }
  return -1;
}

/** Matches `text` against a compiled glob, in time linear in the text and the pattern. */
export function globTest(g: Glob, text: string): boolean {
  const chunks = g.chunks;
  const first = chunks[0]!.text;
  if (g.starless) return text.length === first.length && chunkAt(first, text, 0);
  const last = chunks[chunks.length - 1]!.text;
  if (text.length < first.length + last.length) return false;
  if (!chunkAt(first, text, 0) || !chunkAt(last, text, text.length - last.length)) return false;
  let pos = first.length;
  const end = text.length - last.length;
  for (let i = 1; i < chunks.length - 1; i++) {
    const next = find(chunks[i]!, text, pos, end);
    if (next < 0) return false;
    pos = next;
  }
  return true;
}

const globs = new Map<string, Glob>();

/** Matches `text` against a compiled pattern (see `toPattern`); compiled globs are cached (bounded). */
export function globMatch(pattern: string, text: string): boolean {
  let g = globs.get(pattern);
  if (g === undefined) {
    if (globs.size >= 4096) globs.clear();
    globs.set(pattern, (g = compileGlob(pattern)));
  }
  return globTest(g, text);
}
