/**
 * Positions in strict JSON text without a YAML parse: JSON.parse gives the value, and a small
 * scanner maps each path to its offsets the first time a location is asked for. Policy files are
 * JSON and there are many of them, so this keeps loading fast.
 */
import type { Location, Locator, PathKey } from '../diagnostics/diagnostic.js';

interface Span {
  start: number;
  end: number;
  /** Offset of the key, for object members. */
  key?: number;
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

const pathKey = (path: readonly PathKey[]) => JSON.stringify(path.map(String));

/** Maps `JSON.stringify(path)` to the span of the value at that path. */
function scan(text: string): Map<string, Span> {
  const spans = new Map<string, Span>();
  let i = 0;
  const skip = () => {
    while (i < text.length && WS.has(text.charCodeAt(i))) i++;
  };
  const str = (): string => {
    const start = i;
    i++; // opening quote
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x5c) i += 2;
      else if (c === 0x22) break;
      else i++;
    }
    i++; // closing quote
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: PathKey[], key?: number): void => {
    skip();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      skip();
      if (text[i] === '}') i++;
      else {
        for (;;) {
          skip();
          const k = i;
          const name = str();
          skip();
          i++; // colon
          value([...path, name], k);
          skip();
          if (text[i++] === '}') break;
        }
      }
    } else if (c === '[') {
      i++;
      skip();
      if (text[i] === ']') i++;
      else {
        for (let n = 0; ; n++) {
          value([...path, n]);
          skip();
          if (text[i++] === ']') break;
        }
      }
    } else if (c === '"') {
      str();
    } else {
      while (i < text.length && !/[,\]}\s]/.test(text[i]!)) i++;
    }
    spans.set(pathKey(path), { start, end: i, ...(key !== undefined ? { key } : {}) });
  };
  value([]);
  return spans;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function position(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}

/** Locators (value and key) over valid JSON text; the scan runs once, on first use. */
export function jsonLocators(text: string, file: string): { locate: Locator; locateKey: Locator } {
  let spans: Map<string, Span> | undefined;
  let starts: number[] | undefined;
  const make =
    (wantKey: boolean): Locator =>
    (path: readonly PathKey[]): Location => {
      spans ??= scan(text);
      starts ??= lineStarts(text);
      // Fall back to the nearest ancestor that exists, as the YAML locator does.
      let p = [...path];
      let span = spans.get(pathKey(p));
      while (!span && p.length > 0) {
        p = p.slice(0, -1);
        span = spans.get(pathKey(p));
      }
      if (!span) return { file, line: 1, column: 1 };
      const from = position(starts, wantKey && span.key !== undefined && p.length === path.length ? span.key : span.start);
      const to = position(starts, span.end);
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
      const start = i++;
      while (i < text.length && text.charCodeAt(i) !== 0x22) i += text.charCodeAt(i) === 0x5c ? 2 : 1;
      const keys = open[open.length - 1];
      if (expectKey && keys) {
        const key = JSON.parse(text.slice(start, i + 1)) as string;
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
