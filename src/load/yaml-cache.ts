/**
 * A disk cache of parsed YAML files, for the CLI's bundle only. The first YAML file of a run costs
 * more than all the rest of `keycard resolve` together: the yaml package's parser and composer run
 * cold, in V8's interpreter. A file that parsed cleanly is kept as its value and the positions of
 * its nodes (what the locator of source.ts reads), as JSON, which V8 reads natively.
 *
 * Safe by construction: an entry is named by the CLI bundles' build (load/build-id.ts; there
 * is no cache without one: the library and the tests parse every time) and by a
 * hash of the file name and the parse options (one entry per file), and holds the whole text, which must be equal. Only
 * files that parsed without a diagnostic are kept, so a hit skips no check that could fail. Files
 * with aliases or with numbers JSON cannot carry (.inf, .nan, -0) are not kept. An entry also names
 * the schema checks its value passed (SchemaVerdicts), which a hit then skips: the same value
 * under the same build passes them again. Safe to delete.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAlias, isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Locator, PathKey } from '../diagnostics/diagnostic.js';
import { bundleBuild } from './build-id.js';
import { cacheDir, writeCacheEntry } from './cache-dir.js';

/** Set when a run stored an entry: its code cache (src/cli/code-cache.ts) waits for a run that reads them. */
export const STORED_KEY = Symbol.for('keycard.yaml-stored');
/** Larger texts are parsed every time (an entry holds the text and more). */
const MAX_TEXT = 1 << 20;
/** Entries kept for other builds before the oldest are removed. */
const KEEP_OTHER_BUILDS = 200;

/** Line, column, end line, end column; null for a node without a range. */
type Range = [number, number, number, number] | null;
/** A node's range, then a map's scalar keys (in document order, with their ranges) or a sequence's items. */
interface PosNode {
  r: Range;
  m?: [string, Range, PosNode][];
  s?: PosNode[];
}
interface Entry {
  text: string;
  variant: string;
  value: unknown;
  tree: PosNode;
  /** The schema checks this value passed (schema-check.ts). */
  passed?: string[];
}

/**
 * The schema checks a cached file's value passed in an earlier run. The same value under the same
 * build passes the same schema again, so a hit skips the check (and later runs skip loading the
 * validators' code: about a third of the code cache of `keycard resolve`).
 */
export interface SchemaVerdicts {
  has(check: string): boolean;
  /** Records a check the value passed (the entry is written again). */
  add(check: string): void;
}

/**
 * `stored` is the entry as written without its verdicts; they are written after it, as the last
 * key (the value handed out may have been changed since: the entry is rewritten from its text).
 */
function verdictsOf(f: string, stored: string, passedBefore: string[] = []): SchemaVerdicts {
  const passed = new Set(passedBefore);
  return {
    has: (check) => passed.has(check),
    add(check) {
      if (passed.has(check)) return;
      passed.add(check);
      if (writeCacheEntry(f, `${stored.slice(0, -1)},"passed":${JSON.stringify([...passed])}}`, KEEP_OTHER_BUILDS))
        (globalThis as Record<symbol, unknown>)[STORED_KEY] = true;
    },
  };
}

function entryFile(text: string, variant: string, file: string): string | undefined {
  const build = bundleBuild();
  const dir = build !== undefined && text.length <= MAX_TEXT ? cacheDir() : undefined;
  return dir ? join(dir, `yaml-${build}-${hash(`${variant}\0${file}`)}.json`) : undefined;
}

/**
 * FNV-1a, twice with other offsets. The name of an entry hashes the file's name and the options,
 * not its text: one entry per file, replaced when the text changes (the text is compared on
 * reading), so editing a file does not fill the directory.
 */
function hash(s: string): string {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < s.length; i++) {
    a = Math.imul(a ^ s.charCodeAt(i), 0x01000193);
    b = Math.imul(b ^ s.charCodeAt(i), 0x01000193);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** The parsed file of an earlier run, or undefined. `variant` names the parse options. */
export function readParsed(
  text: string,
  variant: string,
  file: string,
): { value: unknown; locate: Locator; locateKey: Locator; verdicts: SchemaVerdicts } | undefined {
  const f = entryFile(text, variant, file);
  if (!f) return undefined;
  let raw: string;
  let e: Entry;
  try {
    raw = readFileSync(f, 'utf8');
    e = JSON.parse(raw) as Entry;
  } catch {
    return undefined;
  }
  if (e.text !== text || e.variant !== variant || !e.tree) return undefined;
  return {
    value: e.value,
    locate: treeLocator(e.tree, file, false),
    locateKey: treeLocator(e.tree, file, true),
    verdicts: e.passed ? verdictsOf(f, raw.slice(0, raw.lastIndexOf(',"passed":')) + '}', e.passed) : verdictsOf(f, raw),
  };
}

/** Keeps a cleanly parsed file; any failure (a read-only disk) is ignored. The verdicts of the kept entry, if any. */
export function storeParsed(
  text: string,
  variant: string,
  file: string,
  contents: unknown,
  value: unknown,
  pos: (offset: number) => { line: number; column: number },
): SchemaVerdicts | undefined {
  const f = entryFile(text, variant, file);
  if (!f || !jsonSafe(value)) return undefined;
  const tree = posTree(contents, pos);
  if (!tree) return undefined;
  const stored = JSON.stringify({ text, variant, value, tree } satisfies Entry);
  if (!writeCacheEntry(f, stored, KEEP_OTHER_BUILDS)) return undefined;
  (globalThis as Record<symbol, unknown>)[STORED_KEY] = true;
  return verdictsOf(f, stored);
}

/** The positions the locator of source.ts (makeLocator) reads, or undefined for a document with aliases. */
function posTree(node: unknown, pos: (offset: number) => { line: number; column: number }): PosNode | undefined {
  if (isAlias(node)) return undefined;
  const range = (n: unknown): Range => {
    const r = (n as Node | null)?.range;
    if (!r) return null;
    const a = pos(r[0]);
    const b = pos(r[1]);
    return [a.line, a.column, b.line, b.column];
  };
  const out: PosNode = { r: range(node) };
  if (isMap(node)) {
    out.m = [];
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue; // the locator never steps through these
      const child = posTree(pair.value ?? pair.key, pos);
      if (!child) return undefined;
      out.m.push([String(pair.key.value), range(pair.key), child]);
    }
  } else if (isSeq(node)) {
    out.s = [];
    for (const item of node.items) {
      const child = posTree(item, pos);
      if (!child) return undefined;
      out.s.push(child);
    }
  }
  return out;
}

/** The same answers as makeLocator in source.ts, from the stored positions. */
function treeLocator(tree: PosNode, file: string, wantKey: boolean): Locator {
  return (path: readonly PathKey[]) => {
    let node = tree;
    let keyRange: Range | undefined; // undefined: the last step was not a map's key
    for (const key of path) {
      let next: PosNode | undefined;
      let nextKey: Range | undefined;
      if (node.m) {
        const e = node.m.find(([k]) => k === String(key));
        if (e) [, nextKey, next] = e;
      } else if (node.s && typeof key === 'number') {
        next = node.s[key];
      }
      if (next === undefined) break;
      node = next;
      keyRange = nextKey;
    }
    const r = wantKey && keyRange !== undefined ? keyRange : node.r;
    return r ? { file, line: r[0], column: r[1], endLine: r[2], endColumn: r[3] } : { file, line: 1, column: 1 };
  };
}

/** Whether JSON gives the value back as it is. */
function jsonSafe(v: unknown): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0);
  if (Array.isArray(v)) return v.every(jsonSafe);
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) return Object.values(v).every(jsonSafe);
  return false;
}
