/**
 * Reading user files with source positions. Every later stage reports file:line:col through the
 * Locator made here. Hostile input (huge files, binary garbage, alias bombs, deep nesting,
 * prototype keys) is turned into a diagnostic, never a hang or a stack trace.
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { isAlias, isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Tags } from 'yaml';
import { KeycardInputError, type Diagnostic, type Location, type Locator, type PathKey } from '../diagnostics/diagnostic.js';
import { markInputFile } from './confine.js';
import { MAX_DEPTH } from './depth.js';
import { findDuplicateKey, jsonLocators } from './json-positions.js';
import { readParsed, storeParsed, type SchemaVerdicts } from './yaml-cache.js';
import { startProgress, type Progress } from '../text/progress.js';

/** Files larger than this are refused before they are read (docs/formats.md, "Size limits"). */
const MAX_FILE_BYTES = 10 * 1024 * 1024;
/**
 * The limit for a JSON file in the account-export shape (`aws iam get-account-authorization-details`):
 * an indented export of 1,000 roles is over 20 MiB. YAML exports keep a lower one: YAML with
 * positions costs far more memory per byte than JSON.
 */
const MAX_EXPORT_JSON_BYTES = 256 * 1024 * 1024;
const MAX_EXPORT_YAML_BYTES = 32 * 1024 * 1024;
/** The first keys an account export starts with (the AWS CLI prints them in this order). */
const EXPORT_FIRST_KEY =
  /^\s*(?:\{\s*"(?:UserDetailList|GroupDetailList|RoleDetailList|Policies)"\s*:|(?:UserDetailList|GroupDetailList|RoleDetailList|Policies)\s*:)/;
/** `terraform show -json` output (plan or state) starts with this key; large infrastructure gives plans far over 10 MiB. */
const TERRAFORM_JSON_FIRST_KEY = /^\s*\{\s*"format_version"\s*:/;
/** YAML aliases allowed per document (defends against "billion laughs"). */
const MAX_ALIASES = 100;
/** The YAML tags keycard knows: the core schema's. Others (`!!binary`, `!allow`...) are errors. */
const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

export interface ParseOptions {
  /** Extra YAML tags the caller understands (e.g. CloudFormation's `!Ref`), as the yaml package takes them. */
  customTags?: Tags;
  /**
   * Where keys such as `__proto__` are data (token claims: AWS accepts any claim name). Elsewhere
   * they are refused. Called with the path of the key.
   */
  allowPrototypeKeys?: (path: readonly PathKey[]) => boolean;
}

/** Keys that could reach Object.prototype through a careless lookup. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface ParsedSource {
  file: string;
  text: string;
  /** The document as plain JSON values. */
  value: unknown;
  /** Position of the value at a path (falls back to the nearest ancestor that exists). */
  locate: Locator;
  /** Position of the key at a path (for "unknown field" errors); falls back to locate. */
  locateKey: Locator;
  /** For a file in the CLI's YAML cache: the schema checks its value passed before (yaml-cache.ts). */
  verdicts?: SchemaVerdicts;
}

/** A document nested deeper than MAX_DEPTH, reported at the first node past the limit. */
function tooDeep(file: string, at: { line: number; column: number }): never {
  return fail(
    'load_too_deep',
    `\`${file}\` is nested more than ${MAX_DEPTH} levels deep`,
    file,
    'keycard documents are a few levels deep; check the file',
    at.line,
    at.column,
  );
}

function fail(code: string, message: string, file: string, help: string, line = 1, column = 1): never {
  throw new KeycardInputError([{ code, severity: 'error', message, help, location: { file, line, column } }]);
}

/**
 * Reads a file as UTF-8 text, refusing missing, special (FIFO, device), huge and binary files
 * with a clear diagnostic. Never reads more than the limit, even if the file grows meanwhile.
 */
export function readSourceText(file: string): string {
  const { text, progress } = readText(file);
  progress?.done();
  return text;
}

function readText(file: string): { text: string; progress?: Progress } {
  // Opened first and checked through the descriptor (one stat, and no race between a check and the
  // read); O_NONBLOCK so that opening a FIFO cannot hang.
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') fail('load_symlink_loop', `\`${file}\` is a symbolic link loop`, file, 'point the link at a file');
    if (code === 'EISDIR') isDirectory(file);
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw e;
    fail(
      'load_file_not_found',
      `cannot read \`${file}\`: no such file`,
      file,
      'check the path; relative paths resolve against the file that names them',
    );
  }
  let length = 0;
  let limit = MAX_FILE_BYTES;
  let progress: Progress | undefined;
  let buf: Buffer;
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) isDirectory(file);
    if (!st.isFile())
      fail(
        'load_not_regular_file',
        `\`${file}\` is not a regular file (a pipe, socket or device)`,
        file,
        'keycard reads only regular files',
      );
    if (st.size > MAX_FILE_BYTES) {
      limit = exportLimit(fd, file);
      if (st.size > limit) tooLarge(file, st.size, limit);
      progress = loadingProgress(file, st.size);
    }
    // Unsafe: only the bytes read are used; a small file's buffer comes from Node's pool.
    buf = Buffer.allocUnsafe(Math.min(st.size, limit) + 1);
    for (;;) {
      const n = readSync(fd, buf, length, Math.min(buf.length - length, CHUNK), null);
      length += n;
      progress?.at(`read ${mib(length)} of ${mib(st.size)}`);
      if (n === 0 || length === buf.length) break;
    }
    if (length > limit) tooLarge(file, length, limit);
  } finally {
    closeSync(fd);
  }
  markInputFile(file);
  return { text: decodeText(buf.subarray(0, length), file), ...(progress ? { progress } : {}) };
}

const CHUNK = 8 * 1024 * 1024;
const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;

/** The limit for a file over the general one: the export limit when it starts like an account export. */
function exportLimit(fd: number, file: string): number {
  const head = Buffer.alloc(4096);
  const n = readSync(fd, head, 0, head.length, 0);
  const text = head
    .subarray(0, n)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  const json = file.toLowerCase().endsWith('.json');
  if (json && TERRAFORM_JSON_FIRST_KEY.test(text)) return MAX_EXPORT_JSON_BYTES;
  if (!EXPORT_FIRST_KEY.test(text)) return MAX_FILE_BYTES;
  return json ? MAX_EXPORT_JSON_BYTES : MAX_EXPORT_YAML_BYTES;
}

function tooLarge(file: string, size: number, limit: number): never {
  fail(
    'load_file_too_large',
    `\`${file}\` is ${(size / 1024 / 1024).toFixed(1)} MiB, over keycard's limit of ${limit / 1024 / 1024} MiB`,
    file,
    limit === MAX_FILE_BYTES
      ? `keycard reads policy and scenario files, which are small (account exports in JSON may be up to ${MAX_EXPORT_JSON_BYTES / 1024 / 1024} MiB); check that this is the right file`
      : 'check that this is the right file',
  );
}

/** A progress line while a large file loads (text/progress.ts: a terminal only, after a second). */
function loadingProgress(file: string, size: number): Progress {
  const line = startProgress(undefined);
  return { at: (step) => line.at(`loading ${basename(file)} (${mib(size)}): ${step}`), done: () => line.done() };
}

/** Decodes bytes as UTF-8, refusing binary data (NUL bytes or invalid UTF-8). */
function isDirectory(file: string): never {
  return fail('load_is_directory', `\`${file}\` is a directory, not a file`, file, 'name a .yaml, .yml or .json file');
}

function decodeText(buf: Buffer, file: string): string {
  const nul = buf.indexOf(0);
  if (nul >= 0) {
    const { line, column } = offsetToLineCol(new TextDecoder('utf-8', { fatal: false }).decode(buf.subarray(0, nul)), nul);
    fail(
      'load_binary_file',
      `\`${file}\` is not a text file (it contains a NUL byte)`,
      file,
      'keycard reads YAML or JSON text',
      line,
      column,
    );
  }
  if (!isUtf8(buf)) fail('load_not_utf8', `\`${file}\` is not valid UTF-8 text`, file, 'save the file as UTF-8 YAML or JSON');
  const text = buf.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function offsetToLineCol(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

/** Reads and parses a YAML or JSON file (by extension: `.json` is JSON, anything else YAML). */
export function loadSourceFile(file: string, opts: ParseOptions = {}): ParsedSource {
  const { text, progress } = readText(file);
  try {
    return parseSource(text, file, file.toLowerCase().endsWith('.json') ? 'json' : 'yaml', opts, progress);
  } finally {
    progress?.done();
  }
}

/** Parses text with positions. Throws KeycardInputError with file:line:col on any problem. */
export function parseSource(
  text: string,
  file: string,
  format: 'json' | 'yaml' = 'yaml',
  opts: ParseOptions = {},
  progress?: Progress,
): ParsedSource {
  markInputFile(file);
  progress?.at('parsing');
  if (format === 'json') {
    const fast = parseJsonFast(text, file, opts, progress);
    if (fast) return fast;
  }
  // The CLI keeps cleanly parsed YAML files between runs (yaml-cache.ts); custom tags are code it cannot key.
  const variant = format === 'yaml' && !opts.customTags ? `yaml ${String(opts.allowPrototypeKeys ?? '')}` : undefined;
  const cached = variant === undefined ? undefined : readParsed(text, variant, file);
  if (cached) return { file, text, ...cached };
  const jsonError = format === 'json' ? jsonSyntaxError(text) : undefined;
  const lineCounter = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(text, {
      lineCounter,
      uniqueKeys: true,
      prettyErrors: false,
      strict: true,
      ...(opts.customTags ? { customTags: opts.customTags } : {}),
    });
  } catch (e) {
    if (e instanceof RangeError)
      fail('load_too_deep', `\`${file}\` is nested too deeply to read`, file, `keycard accepts at most ${MAX_DEPTH} levels of nesting`);
    throw e;
  }
  const pos = (offset: number): { line: number; column: number } => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  if (doc.errors.some((e) => /call stack/i.test(e.message))) {
    const at = pos(doc.errors[0]!.pos[0]);
    fail(
      'load_too_deep',
      `\`${file}\` is nested too deeply to read`,
      file,
      `keycard accepts at most ${MAX_DEPTH} levels of nesting`,
      at.line,
      at.column,
    );
  }
  if (doc.errors.length > 0) {
    const seen = new Set<number>();
    const distinct = doc.errors.filter((e) => !seen.has(e.pos[0]) && seen.add(e.pos[0]));
    const diagnostics: Diagnostic[] = distinct.slice(0, 3).map((e) => {
      const { line, column } = pos(e.pos[0]);
      return {
        code: e.code === 'DUPLICATE_KEY' ? 'load_duplicate_key' : 'load_syntax',
        severity: 'error',
        message: `${format === 'json' ? 'JSON' : 'YAML'} syntax error: ${firstLine(e.message)}`,
        help: e.code === 'DUPLICATE_KEY' ? 'each key may appear only once in a mapping' : 'fix the syntax at this position',
        location: { file, line, column },
      };
    });
    throw new KeycardInputError(diagnostics);
  }
  if (jsonError !== undefined) {
    // JSON.parse rejected what YAML accepted (comments, single quotes...): no position from V8 on Node 20.
    const m = /position (\d+)/.exec(jsonError);
    const { line, column } = m ? offsetToLineCol(text, Number(m[1])) : { line: 1, column: 1 };
    fail(
      'load_syntax',
      `JSON syntax error: ${firstLine(jsonError)}`,
      file,
      'a .json file must be strict JSON (no comments, double-quoted strings)',
      line,
      column,
    );
  }
  const known = new Set([...CORE_TAGS, ...(opts.customTags ?? []).flatMap((t) => (typeof t === 'string' ? [] : [t.tag]))]);
  checkStructure(doc, text, file, pos, known, opts.allowPrototypeKeys);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/alias/i.test(msg)) {
      fail(
        'load_alias_bomb',
        `\`${file}\` expands too many YAML aliases`,
        file,
        `keycard allows at most ${MAX_ALIASES} alias expansions per document (a defence against "billion laughs" files)`,
      );
    }
    if (e instanceof RangeError)
      fail('load_too_deep', `\`${file}\` is nested too deeply to read`, file, `keycard accepts at most ${MAX_DEPTH} levels of nesting`);
    fail('load_syntax', `cannot read \`${file}\`: ${firstLine(msg)}`, file, 'fix the document');
  }
  const verdicts = variant === undefined ? undefined : storeParsed(text, variant, file, doc.contents, value, pos);
  const locator = makeLocator(doc, file, pos);
  return { file, text, value, locate: locator(false), locateKey: locator(true), ...(verdicts ? { verdicts } : {}) };
}

/**
 * Strict JSON that parses: JSON.parse for the value, a lazy scanner for positions. Returns
 * undefined for anything else, which then takes the YAML path and its detailed errors.
 */
function parseJsonFast(text: string, file: string, opts: ParseOptions, progress?: Progress): ParsedSource | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const { locate, locateKey } = jsonLocators(text, file);
  progress?.at('checking for duplicate keys');
  const dup = findDuplicateKey(text);
  if (dup) {
    const { line, column } = offsetToLineCol(text, dup.offset);
    fail(
      'load_duplicate_key',
      `JSON syntax error: the key \`${dup.key}\` appears twice in one object`,
      file,
      'each key may appear only once in an object (AWS refuses policies with duplicate keys)',
      line,
      column,
    );
  }
  // The same limits as for YAML: depth and keys that could reach Object.prototype. One walk with
  // one path (a copy only for a finding): an account export has a million nodes.
  progress?.at('checking');
  const path: PathKey[] = [];
  const walk = (v: unknown): void => {
    if (path.length > MAX_DEPTH) tooDeep(file, locate(path.slice(0, MAX_DEPTH))!);
    if (v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        walk(v[i]);
        path.pop();
      }
      return;
    }
    for (const k of Object.keys(v)) {
      if (FORBIDDEN_KEYS.has(k) && !opts.allowPrototypeKeys?.([...path, k])) {
        const at = locateKey([...path, k])!;
        fail(
          'load_forbidden_key',
          `the key \`${k}\` is not allowed`,
          file,
          'keys named __proto__, constructor or prototype are refused to keep lookups safe; rename the key',
          at.line,
          at.column,
        );
      }
      path.push(k);
      walk((v as Record<string, unknown>)[k]);
      path.pop();
    }
  };
  walk(value);
  return { file, text, value, locate, locateKey };
}

function firstLine(s: string): string {
  return s
    .split('\n')[0]!
    .replace(/\.$/, '')
    .replace(/^./, (c) => c.toLowerCase());
}

function jsonSyntaxError(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (e) {
    return (e instanceof Error ? e.message : String(e)).replace(/^JSON\.parse: /, '');
  }
}

/** Walks the node tree once: depth limit, forbidden keys, and alias count before expansion. */
function checkStructure(
  doc: Document,
  text: string,
  file: string,
  pos: (o: number) => { line: number; column: number },
  knownTags: ReadonlySet<string>,
  allowPrototypeKeys: ParseOptions['allowPrototypeKeys'],
): void {
  let aliases = 0;
  const stack: { node: unknown; depth: number; path: PathKey[] }[] = [{ node: doc.contents, depth: 0, path: [] }];
  while (stack.length > 0) {
    const { node, depth, path } = stack.pop()!;
    if (!node) continue;
    if (isNode(node) && node.tag !== undefined && !knownTags.has(node.tag)) {
      const at = node.range ? pos(tagStart(text, node.range[0])) : { line: 1, column: 1 };
      const shown = node.tag.replace(/^tag:yaml\.org,2002:/, '!!');
      fail(
        'load_unknown_tag',
        `the YAML tag \`${shown}\` is not supported`,
        file,
        'keycard reads plain YAML: remove the tag (only !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are allowed)',
        at.line,
        at.column,
      );
    }
    if (depth > MAX_DEPTH) {
      const at = (node as Node).range ? pos((node as Node).range![0]) : { line: 1, column: 1 };
      tooDeep(file, at);
    }
    if (isAlias(node)) {
      if (++aliases > MAX_ALIASES) {
        const at = node.range ? pos(node.range[0]) : { line: 1, column: 1 };
        fail(
          'load_alias_bomb',
          `\`${file}\` uses more than ${MAX_ALIASES} YAML aliases`,
          file,
          'keycard limits aliases as a defence against "billion laughs" files',
          at.line,
          at.column,
        );
      }
    } else if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (typeof key === 'string' && FORBIDDEN_KEYS.has(key) && !allowPrototypeKeys?.([...path, key])) {
          const at = isScalar(pair.key) && pair.key.range ? pos(pair.key.range[0]) : { line: 1, column: 1 };
          fail(
            'load_forbidden_key',
            `the key \`${key}\` is not allowed`,
            file,
            'keys named __proto__, constructor or prototype are refused to keep lookups safe; rename the key',
            at.line,
            at.column,
          );
        }
        if (isScalar(pair.key)) stack.push({ node: pair.key, depth: depth + 1, path });
        if (pair.key && !isScalar(pair.key)) {
          const k = pair.key as Node;
          const at = k.range ? pos(k.range[0]) : { line: 1, column: 1 };
          fail('load_complex_key', 'mapping keys must be plain strings', file, 'write the key as a string', at.line, at.column);
        }
        stack.push({ node: pair.value, depth: depth + 1, path: [...path, isScalar(pair.key) ? String(pair.key.value) : ''] });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => stack.push({ node: item, depth: depth + 1, path: [...path, i] }));
    }
  }
}

/** The offset of the tag written before the node at `offset` (`!!binary`, `!allow`). */
function tagStart(text: string, offset: number): number {
  let i = text.lastIndexOf('!', offset);
  if (i < 0) return offset;
  while (i > 0 && text[i - 1] === '!') i--;
  return i;
}

function makeLocator(doc: Document, file: string, pos: (o: number) => { line: number; column: number }) {
  return (wantKey: boolean): Locator =>
    (path: readonly PathKey[]): Location | undefined => {
      let node: unknown = doc.contents;
      let keyNode: Node | undefined;
      for (const key of path) {
        if (isAlias(node)) node = node.resolve(doc);
        let next: unknown;
        let nextKey: Node | undefined;
        if (isMap(node)) {
          const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
          if (pair) {
            next = pair.value ?? pair.key;
            nextKey = pair.key as Node;
          }
        } else if (isSeq(node) && typeof key === 'number') {
          next = node.items[key];
        }
        if (next === undefined) break;
        node = next;
        keyNode = nextKey;
      }
      if (isAlias(node)) {
        // Point at the alias itself: that is where the user wrote it.
      }
      const target = (wantKey && keyNode ? keyNode : node) as Node | undefined;
      const range = target?.range;
      if (!range) return { file, line: 1, column: 1 };
      const start = pos(range[0]);
      const end = pos(range[1]);
      return { file, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
    };
}

/** A copy of a record with no prototype, so that no key (`__proto__`, `constructor`) reaches one. */
export function withoutPrototype<T>(record: Record<string, T>): Record<string, T> {
  return Object.setPrototypeOf(Object.fromEntries(Object.entries(record)), null) as Record<string, T>;
}

/** A locator that points every path at one fixed location (documents decoded from a string). */
export function fixedLocator(loc: Location | undefined, file: string): Locator {
  return () => loc ?? { file, line: 1, column: 1 };
}

/** A locator for a sub-document: prefixes every path. */
export function subLocator(parent: Locator, prefix: readonly PathKey[]): Locator {
  return (path) => parent([...prefix, ...path]);
}
