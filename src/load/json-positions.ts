/**
 * Positions in strict JSON text without a YAML parse: JSON.parse gives the value, and a lazy
 * scanner finds a path's offsets when a location is asked for. Nothing is scanned before that,
 * and then only the containers on the path: each container's members are indexed the first time
 * a path goes through it (an account export of 1,000 roles has a million nodes, and a run
 * usually asks for a handful of locations). Line starts are counted only up to the offsets asked.
 */
import type { Location, Locator, PathKey } from '../diagnostics/diagnostic.js';

/** A member of a container: its key's offset (objects) and its value's offset. */
interface Member {
  key?: number;
  start: number;
}

const isWs = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
/** Ends a literal (number, true, false, null): a comma, a closing bracket or white space. */
const endsLiteral = (c: number) => c === 0x2c || c === 0x5d || c === 0x7d || isWs(c);
const INDEX = /^(?:0|[1-9]\d*)$/;

/**
 * The offset of the quote that closes the string opening at `start` (the text's length when none
 * does): the next quote after an even run of backslashes. indexOf finds quotes far faster than a
 * loop over every character.
 */
function closingQuote(t: string, start: number): number {
  for (let q = t.indexOf('"', start + 1); q >= 0; q = t.indexOf('"', q + 1)) {
    let b = q - 1;
    while (b > start && t.charCodeAt(b) === 0x5c) b--;
    if ((q - 1 - b) % 2 === 0) return q;
  }
  return t.length;
}

/** A lazy index over one valid JSON text. */
class JsonIndex {
  private readonly containers = new Map<number, Map<string, Member> | number[]>();
  /** Where each member indexed so far ends: a location's end is then not scanned again. */
  private readonly ends = new Map<number, number>();
  private readonly lineStarts = [0];
  private linesUpTo = 0;

  constructor(private readonly text: string) {}

  private ws(i: number): number {
    const t = this.text;
    while (i < t.length && isWs(t.charCodeAt(i))) i++;
    return i;
  }

  /** The offset after the string that opens at `i`. */
  private endOfString(i: number): number {
    return Math.min(closingQuote(this.text, i) + 1, this.text.length);
  }

  /** The offset after the value that starts at `i`. */
  endOfValue(i: number): number {
    const t = this.text;
    const c = t.charCodeAt(i);
    if (c === 0x22) return this.endOfString(i);
    if (c === 0x7b || c === 0x5b) {
      let depth = 0;
      while (i < t.length) {
        const d = t.charCodeAt(i);
        if (d === 0x22) {
          i = this.endOfString(i);
          continue;
        }
        if (d === 0x7b || d === 0x5b) depth++;
        else if ((d === 0x7d || d === 0x5d) && --depth === 0) return i + 1;
        i++;
      }
      return i;
    }
    while (i < t.length && !endsLiteral(t.charCodeAt(i))) i++;
    return i;
  }

  private memberEnd(start: number): number {
    const end = this.endOfValue(start);
    this.ends.set(start, end);
    return end;
  }

  /** The offset after the value at `start`, remembered from indexing its container when it was indexed. */
  end(start: number): number {
    return this.ends.get(start) ?? this.endOfValue(start);
  }

  /** The members of the object or array that opens at `start`, indexed once. */
  private members(start: number): Map<string, Member> | number[] {
    let m = this.containers.get(start);
    if (m) return m;
    const t = this.text;
    let i = this.ws(start + 1);
    if (t.charCodeAt(start) === 0x7b) {
      const map = new Map<string, Member>();
      if (t.charCodeAt(i) !== 0x7d) {
        for (;;) {
          const k = i;
          const kEnd = this.endOfString(k);
          const raw = t.slice(k + 1, kEnd - 1);
          const name = raw.includes('\\') ? (JSON.parse(t.slice(k, kEnd)) as string) : raw;
          i = this.ws(this.ws(kEnd) + 1); // past the colon
          map.set(name, { key: k, start: i });
          i = this.ws(this.memberEnd(i));
          if (i >= t.length || t.charCodeAt(i++) === 0x7d) break;
          i = this.ws(i);
        }
      }
      m = map;
    } else {
      const list: number[] = [];
      if (t.charCodeAt(i) !== 0x5d) {
        for (;;) {
          list.push(i);
          i = this.ws(this.memberEnd(i));
          if (i >= t.length || t.charCodeAt(i++) === 0x5d) break;
          i = this.ws(i);
        }
      }
      m = list;
    }
    this.containers.set(start, m);
    return m;
  }

  /** The deepest member on the path that exists: its offsets and how many path keys it consumed. */
  find(path: readonly PathKey[]): { start: number; key?: number; depth: number } {
    let start = this.ws(0);
    let key: number | undefined;
    let depth = 0;
    for (const k of path) {
      const c = this.text.charCodeAt(start);
      if (c !== 0x7b && c !== 0x5b) break;
      const members = this.members(start);
      let next: Member | undefined;
      if (Array.isArray(members)) {
        const s = String(k);
        const at = INDEX.test(s) ? members[Number(s)] : undefined;
        next = at === undefined ? undefined : { start: at };
      } else next = members.get(String(k));
      if (!next) break;
      start = next.start;
      key = next.key;
      depth++;
    }
    return { start, ...(key !== undefined ? { key } : {}), depth };
  }

  /** Line and column of an offset, counting line starts only as far as needed. */
  position(offset: number): { line: number; column: number } {
    const t = this.text;
    const starts = this.lineStarts;
    for (; this.linesUpTo < offset && this.linesUpTo < t.length; this.linesUpTo++)
      if (t.charCodeAt(this.linesUpTo) === 10) starts.push(this.linesUpTo + 1);
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  }
}

/** Locators (value and key) over valid JSON text; nothing is scanned until a location is asked for. */
export function jsonLocators(text: string, file: string): { locate: Locator; locateKey: Locator } {
  let index: JsonIndex | undefined;
  const make =
    (wantKey: boolean): Locator =>
    (path: readonly PathKey[]): Location => {
      index ??= new JsonIndex(text);
      // Falls back to the nearest ancestor that exists, as the YAML locator does.
      const found = index.find(path);
      const end = index.end(found.start);
      const from = index.position(wantKey && found.key !== undefined && found.depth === path.length ? found.key : found.start);
      const to = index.position(end);
      return { file, line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
    };
  return { locate: make(false), locateKey: make(true) };
}

/**
 * The first key that repeats within one object of valid JSON text (JSON.parse keeps the last one
 * silently; AWS refuses such a policy). One pass, a set of keys per open object.
 */
export function findDuplicateKey(text: string): { offset: number; key: string } | undefined {
  const open: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const start = i;
      i = closingQuote(text, start);
      const keys = open[open.length - 1];
      if (expectKey && keys) {
        const raw = text.slice(start + 1, i);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(start, i + 1)) as string) : raw;
        if (keys.has(key)) return { offset: start, key };
        keys.add(key);
        expectKey = false;
      }
    } else if (c === 0x7b) {
      open.push(new Set());
      expectKey = true;
    } else if (c === 0x5b) {
      open.push(null);
      expectKey = false;
    } else if (c === 0x7d || c === 0x5d) {
      open.pop();
      expectKey = false;
    } else if (c === 0x2c) {
      expectKey = open[open.length - 1] != null;
    }
  }
  return undefined;
}
