/**
 * Policy variables (Version 2012-10-17 only): `${key}`, `${key, 'default'}` and the escapes
 * `${*}`, `${?}`, `${$}`. A template is compiled once into parts; resolving it per request is
 * a concatenation. Values substituted in are always literal (they never act as wildcards).
 */
import { literal, toPattern } from './glob.js';

type TemplatePart = string | { key: string; fallback?: string };

/** A compiled string that may contain variables; `parts` alternate literal pattern text and variables. */
export interface Template {
  /** The policy text, for messages. */
  source: string;
  /** Pattern text (wildcards as markers when `wildcards`) or variables. */
  parts: TemplatePart[];
  /** True when no part is a variable: `parts[0]` (or '') is the whole value. */
  isStatic: boolean;
  /** Lowercase keys of the variables used. */
  keys: string[];
}

export interface TemplateProblem {
  message: string;
  help: string;
}

const VARIABLE = /\$\{([^}]*)\}/g;
const DEFAULTED = /^\s*([^,\s][^,]*?)\s*,\s*'([^']*)'\s*$/;

/**
 * Compiles a policy string. With `variables` false (Version 2008-10-17 or none) `${...}` is literal
 * text. With `wildcards` true, `*` and `?` outside escapes become wildcard markers.
 */
export function compileTemplate(text: string, opts: { variables: boolean; wildcards: boolean }, problems?: TemplateProblem[]): Template {
  const literalText = (s: string) => (opts.wildcards ? toPattern(s) : s);
  if (!opts.variables || !text.includes('${')) {
    const value = literalText(text);
    return { source: text, parts: [value], isStatic: true, keys: [] };
  }
  const parts: TemplatePart[] = [];
  const keys: string[] = [];
  let buffer = '';
  let last = 0;
  for (const m of text.matchAll(VARIABLE)) {
    buffer += literalText(text.slice(last, m.index));
    last = m.index + m[0].length;
    const inner = m[1]!;
    if (inner === '*' || inner === '?' || inner === '$') {
      buffer += inner; // an escape: the literal character, never a wildcard
      continue;
    }
    const defaulted = DEFAULTED.exec(inner);
    const key = (defaulted ? defaulted[1]! : inner).trim();
    if (!/^[\w.:/-]+(\/[^\s]*)?$/.test(key)) {
      problems?.push({
        message: `\`\${${inner}}\` is not a valid policy variable`,
        help: "write `${key}` or `${key, 'default'}`; use `${*}`, `${?}` or `${$}` for a literal `*`, `?` or `$`",
      });
    }
    if (buffer) parts.push(buffer);
    buffer = '';
    const part: { key: string; fallback?: string } = { key: key.toLowerCase() };
    if (defaulted) part.fallback = defaulted[2]!;
    parts.push(part);
    keys.push(part.key);
  }
  buffer += literalText(text.slice(last));
  if (buffer || parts.length === 0) parts.push(buffer);
  const isStatic = keys.length === 0;
  return { source: text, parts: isStatic ? [parts.join('')] : parts, isStatic, keys };
}

/** Looks up a single-valued context key (lowercase); undefined when absent or multivalued. */
export type VariableLookup = (key: string) => string | undefined;

/**
 * Resolves a template; undefined when a variable has no value and no default (the element then
 * matches nothing, per the IAM docs).
 */
export function resolveTemplate(t: Template, lookup: VariableLookup): string | undefined {
  if (t.isStatic) return t.parts[0] as string;
  let out = '';
  for (const part of t.parts) {
    if (typeof part === 'string') {
      out += part;
    } else {
      const value = lookup(part.key) ?? part.fallback;
      if (value === undefined) return undefined;
      out += literal(value);
    }
  }
  return out;
}

/** A variable in an ARN before its fifth colon (a pattern without a colon is not an ARN: not checked here); the compiler drops such an entry, it matches nothing. */
export function variableBeforeResourcePart(t: Template): boolean {
  if (t.isStatic || !t.source.includes(':')) return false;
  let colons = 0;
  for (const part of t.parts) {
    if (typeof part !== 'string') return colons < 5;
    for (const ch of part) if (ch === ':') colons++;
    if (colons >= 5) return false;
  }
  return false;
}
