/**
 * Reads a CloudFormation template (JSON, or YAML with the short-form tags `!Ref`, `!Sub`,
 * `!GetAtt A.B`, ...) into plain JSON values in the long form (`{"Fn::Sub": ...}`), with a
 * Locator that maps every path of that long form back to file:line:col in the template.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { KeycardInputError, type Diagnostic, type Location, type Locator, type PathKey } from '../../diagnostics/diagnostic.js';
import { parseSource, readSourceText, type ParsedSource } from '../../load/source.js';

/** Short-form tag name → the long-form key it stands for. */
export const SHORT_FORMS: Record<string, string> = Object.fromEntries(
  [
    'Base64',
    'Cidr',
    'FindInMap',
    'GetAtt',
    'GetAZs',
    'ImportValue',
    'Join',
    'Select',
    'Split',
    'Sub',
    'Transform',
    'And',
    'Equals',
    'If',
    'Not',
    'Or',
    'Length',
    'ToJsonString',
    'ForEach',
  ]
    .map((n) => [`!${n}`, `Fn::${n}`] as [string, string])
    .concat([
      ['!Ref', 'Ref'],
      ['!Condition', 'Condition'],
    ]),
);

/**
 * The tags as the `yaml` package's custom tags, so the parser knows them (an unknown tag is then
 * reported). The conversion itself happens in `toLongForm`, which keeps positions.
 */
const CUSTOM_TAGS = Object.keys(SHORT_FORMS).flatMap((tag) => [
  { tag, resolve: (s: string) => s },
  { tag, collection: 'seq' as const, resolve: (n: unknown) => n },
  { tag, collection: 'map' as const, resolve: (n: unknown) => n },
]);

export interface Template {
  file: string;
  /** The template in long form. */
  value: Record<string, unknown>;
  locate: Locator;
}

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** Reads and parses a template file; throws KeycardInputError (exit 3) on bad input. */
export function readTemplate(file: string): Template {
  const text = readSourceText(file);
  return parseTemplate(text, file);
}

export function parseTemplate(text: string, file: string): Template {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    const src: ParsedSource = parseSource(text, file, 'json');
    return checkTop(src.value, file, src.locate);
  }
  let lineCounter = new LineCounter();
  let doc = parseDocument(text, { lineCounter, customTags: CUSTOM_TAGS, uniqueKeys: true, prettyErrors: false, strict: false });
  if (doc.errors.length) {
    // CloudFormation (like PyYAML) accepts flow collections whose closing lines sit at the key's
    // indentation; YAML does not. Indent those lines and parse again (line numbers are kept).
    const relaxed = relaxFlowIndent(text);
    if (relaxed !== text) {
      const lc = new LineCounter();
      const again = parseDocument(relaxed, {
        lineCounter: lc,
        customTags: CUSTOM_TAGS,
        uniqueKeys: true,
        prettyErrors: false,
        strict: false,
      });
      if (!again.errors.length) {
        doc = again;
        lineCounter = lc;
      }
    }
  }
  const pos = (offset: number): Location => {
    const p = lineCounter.linePos(offset);
    return { file, line: p.line, column: p.col };
  };
  const problems: Diagnostic[] = [];
  const seen = new Set<number>();
  for (const e of doc.errors.filter((x) => !seen.has(x.pos[0]) && seen.add(x.pos[0])).slice(0, 3)) {
    problems.push({
      code: 'load_syntax',
      severity: 'error',
      message: `YAML syntax error: ${e.message.split('\n')[0]}`,
      help: 'fix the syntax at this position',
      location: pos(e.pos[0]),
    });
  }
  for (const w of doc.warnings) {
    if (w.code === 'TAG_RESOLVE_FAILED') {
      const tag = /tag: (\S+)/.exec(w.message)?.[1] ?? 'tag';
      problems.push({
        code: 'import_unknown_tag',
        severity: 'error',
        message: `\`${tag}\` is not a CloudFormation short form`,
        help: `use one of ${Object.keys(SHORT_FORMS).slice(0, 6).join(', ')}, ... or the long form \`Fn::...\``,
        location: pos(w.pos[0]),
      });
    }
  }
  if (problems.length) throw new KeycardInputError(problems);
  aliasesLeft = 100;
  const value = toLongForm(doc.contents as Node | null, file, pos, 0, doc);
  return checkTop(value, file, makeLocator(doc, pos));
}

function checkTop(value: unknown, file: string, locate: Locator): Template {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new KeycardInputError([
      {
        code: 'import_not_template',
        severity: 'error',
        message: `\`${file}\` is not a CloudFormation template`,
        help: 'a template is a mapping with `Resources`',
        location: { file, line: 1, column: 1 },
      },
    ]);
  }
  return { file, value: value as Record<string, unknown>, locate };
}

/** Alias expansions left in the template being converted. */
let aliasesLeft = 100;

/** Converts a node to long-form JSON: a tagged node becomes `{ "Fn::X": value }`. */
function toLongForm(node: Node | null | undefined, file: string, pos: (o: number) => Location, depth: number, doc: Document): unknown {
  if (!node) return null;
  if (depth > 64)
    throw new KeycardInputError([
      {
        code: 'load_too_deep',
        severity: 'error',
        message: `\`${file}\` is nested too deeply to read`,
        help: 'keycard accepts at most 64 levels of nesting',
        location: pos(node.range?.[0] ?? 0),
      },
    ]);
  let value: unknown;
  if (isMap(node)) {
    const o: Record<string, unknown> = {};
    for (const pair of node.items) {
      const k = isScalar(pair.key) ? String(pair.key.value) : '';
      if (FORBIDDEN.has(k))
        throw new KeycardInputError([
          {
            code: 'load_forbidden_key',
            severity: 'error',
            message: `the key \`${k}\` is not allowed`,
            help: 'rename the key',
            location: pos((pair.key as Node).range?.[0] ?? 0),
          },
        ]);
      o[k] = toLongForm(pair.value as Node | null, file, pos, depth + 1, doc);
    }
    value = o;
  } else if (isSeq(node)) {
    value = node.items.map((n) => toLongForm(n as Node, file, pos, depth + 1, doc));
  } else if (isScalar(node)) {
    value = node.value;
  } else if (isAlias(node)) {
    if (--aliasesLeft < 0)
      throw new KeycardInputError([
        {
          code: 'load_alias_bomb',
          severity: 'error',
          message: `\`${file}\` expands too many YAML aliases`,
          help: 'keycard allows at most 100 alias expansions per template (a defence against "billion laughs" files)',
          location: pos(node.range?.[0] ?? 0),
        },
      ]);
    // `*anchor`: the anchored node again (depth bounds alias chains; yaml caps their count).
    return toLongForm(node.resolve(doc) as Node | undefined, file, pos, depth + 1, doc);
  } else value = null;
  const key = node.tag ? SHORT_FORMS[node.tag] : undefined;
  if (!key) return value;
  if (key === 'Fn::GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { [key]: dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [key]: value };
}

/** Whether a node stands for the long-form key `key` (a tagged node written in short form). */
function tagged(node: unknown, key: PathKey): boolean {
  const tag = (node as Node | undefined)?.tag;
  return tag !== undefined && SHORT_FORMS[tag] === String(key);
}

function makeLocator(doc: Document, pos: (o: number) => Location): Locator {
  return (path) => {
    let node: unknown = doc.contents;
    for (const key of path) {
      if (tagged(node, key)) continue; // `!Sub x` is `{Fn::Sub: x}`: the key adds no node
      let next: unknown;
      if (isMap(node)) next = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key))?.value;
      else if (isSeq(node) && typeof key === 'number') next = node.items[key];
      if (next === undefined || next === null) break;
      node = next;
    }
    const range = (node as Node | undefined)?.range;
    if (!range) return pos(0);
    const end = pos(range[1]);
    return { ...pos(range[0]), endLine: end.line, endColumn: end.column };
  };
}

/**
 * Indents every line that continues a flow collection (`[`/`{` not yet closed) to one column
 * deeper than the line that opened it. Quoted strings and comments are skipped.
 */
export function relaxFlowIndent(text: string): string {
  const lines = text.split('\n');
  let depth = 0;
  let openIndent = 0;
  let changed = false;
  for (let n = 0; n < lines.length; n++) {
    let line = lines[n]!;
    const indent = line.length - line.trimStart().length;
    if (depth > 0 && line.trim() !== '' && indent <= openIndent) {
      line = ' '.repeat(openIndent + 1 - indent) + line;
      lines[n] = line;
      changed = true;
    }
    let quote = '';
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (quote) {
        if (c === quote) quote = '';
        continue;
      }
      if (c === '"' || (c === "'" && (i === 0 || /[\s,[{:]/.test(line[i - 1]!)))) quote = c;
      else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) break;
      else if (c === '[' || c === '{') {
        if (depth === 0) openIndent = line.length - line.trimStart().length;
        depth++;
      } else if ((c === ']' || c === '}') && depth > 0) depth--;
    }
  }
  return changed ? lines.join('\n') : text;
}
