/**
 * The Terraform functions configurations of identity pools use (imports.md §2), with Terraform's
 * semantics. `try` and `can` take their arguments unevaluated: expressions.ts handles them. A
 * function keycard does not know is an unresolved value and an error at its location (§4).
 */
import { describe, elementsOf, isObj, isWhollyUnknown, tfEqual, toNum, toStr, unknownNames, unknownOf, type Obj } from './values.js';

/** A function call that Terraform rejects (wrong argument, index out of range): an error at the call. */
export class FnError extends Error {}

export interface FnContext {
  /** A file named by `file()` / `templatefile()`, relative to the module (confined to the repository). */
  readFile(path: string): string | undefined;
  /** Evaluates a template file's text with these variables. */
  renderTemplate(text: string, vars: Obj): unknown;
}

type Fn = (args: unknown[], ctx: FnContext) => unknown;

const arity = (name: string, args: unknown[], min: number, max = min): void => {
  if (args.length < min || args.length > max)
    throw new FnError(`\`${name}\` takes ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? '' : 's'}, not ${args.length}`);
};
const list = (v: unknown, what: string): unknown[] => {
  if (Array.isArray(v)) return v;
  throw new FnError(`${what} must be a list, not ${describe(v)}`);
};
const obj = (v: unknown, what: string): Obj => {
  if (isObj(v)) return v;
  throw new FnError(`${what} must be a map or object, not ${describe(v)}`);
};
const str = (v: unknown, what: string): string => {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new FnError(`${what} must be a string, not ${describe(v)}`);
};

function distinct(values: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const v of values) if (!out.some((o) => tfEqual(o, v))) out.push(v);
  return out;
}

/** A set: distinct values; a set of strings iterates in lexical order, as Terraform's. */
function toSet(values: unknown[]): unknown[] {
  const out = distinct(values);
  return out.every((v) => typeof v === 'string') ? (out as string[]).sort() : out;
}

function flatten(v: unknown[]): unknown[] {
  return v.flatMap((x) => (Array.isArray(x) ? flatten(x) : [x]));
}

/** Terraform's jsonencode: object keys in lexical order, `<`, `>`, `&` escaped as Go does. */
export function jsonencode(v: unknown): string {
  const sorted = (x: unknown): unknown =>
    Array.isArray(x)
      ? x.map(sorted)
      : isObj(x)
        ? Object.fromEntries(
            Object.keys(x)
              .sort()
              .map((k) => [k, sorted(x[k])]),
          )
        : x;
  return JSON.stringify(sorted(v) ?? null)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026');
}

/** Terraform's format verbs: %s %v %d %f %t %q %%, with flags and width. */
function format(spec: string, args: unknown[]): string {
  let i = 0;
  return spec.replace(/%([-+# 0]*)(\d+)?(?:\.(\d+))?([svdftq%])/g, (_m, flags: string, width?: string, prec?: string, verb?: string) => {
    if (verb === '%') return '%';
    if (i >= args.length) throw new FnError(`\`format\` has too few arguments for ${JSON.stringify(spec)}`);
    const a = args[i++];
    let s: string;
    if (verb === 'd') s = String(Math.trunc(Number(toNum(a))));
    else if (verb === 'f') s = Number(toNum(a)).toFixed(prec ? Number(prec) : 6);
    else if (verb === 'q') s = JSON.stringify(toStr(a));
    else if (verb === 'v' && (Array.isArray(a) || isObj(a))) s = jsonencode(a);
    else s = toStr(a);
    if (width && s.length < Number(width))
      s = flags.includes('-') ? s.padEnd(Number(width)) : s.padStart(Number(width), flags.includes('0') ? '0' : ' ');
    return s;
  });
}

/** Go's regexp syntax where it differs from JavaScript's in ways configurations use. */
const goRegex = (re: string): RegExp => new RegExp(re.replace(/\(\?P</g, '(?<'), 'g');

const FUNCTIONS: Record<string, Fn> = {
  jsonencode: (a) => (arity('jsonencode', a, 1), jsonencode(a[0])),
  jsondecode: (a) => {
    arity('jsondecode', a, 1);
    try {
      return JSON.parse(str(a[0], 'the argument of `jsondecode`')) as unknown;
    } catch (e) {
      throw new FnError(`\`jsondecode\`: ${(e as Error).message}`);
    }
  },
  file: (a, ctx) => (arity('file', a, 1), ctx.readFile(str(a[0], 'the path'))),
  templatefile: (a, ctx) => {
    arity('templatefile', a, 2);
    const text = ctx.readFile(str(a[0], 'the path'));
    return text === undefined || isWhollyUnknown(text) ? text : ctx.renderTemplate(text, obj(a[1], 'the variables of `templatefile`'));
  },
  format: (a) => format(str(a[0], 'the format'), a.slice(1)),
  join: (a) => {
    arity('join', a, 2, Infinity);
    return a
      .slice(1)
      .flatMap((l) => list(l, 'the lists of `join`'))
      .map((x) => str(x, 'an element of `join`'))
      .join(str(a[0], 'the separator'));
  },
  split: (a) => (arity('split', a, 2), str(a[1], 'the string').split(str(a[0], 'the separator'))),
  concat: (a) => a.flatMap((l) => list(l, 'an argument of `concat`')),
  merge: (a) => Object.assign({}, ...a.filter((x) => x !== null).map((x) => obj(x, 'an argument of `merge`'))) as Obj,
  lookup: (a) => {
    arity('lookup', a, 2, 3);
    const m = obj(a[0], 'the first argument of `lookup`');
    const key = str(a[1], 'the key');
    if (Object.prototype.hasOwnProperty.call(m, key)) return m[key];
    if (a.length === 3) return a[2];
    throw new FnError(`\`lookup\`: the map has no key ${JSON.stringify(key)} and no default is given`);
  },
  element: (a) => {
    arity('element', a, 2);
    const l = list(a[0], 'the first argument of `element`');
    const i = Number(toNum(a[1]));
    if (l.length === 0) throw new FnError('`element`: the list is empty');
    if (i < 0) throw new FnError('`element`: the index must not be negative');
    return l[Math.trunc(i) % l.length];
  },
  length: (a) => {
    arity('length', a, 1);
    const v = a[0];
    if (typeof v === 'string') return [...v].length;
    if (Array.isArray(v)) return v.length;
    if (isObj(v)) return Object.keys(v).length;
    throw new FnError(`\`length\` needs a string, list or map, not ${describe(v)}`);
  },
  replace: (a) => {
    arity('replace', a, 3);
    const [s, sub, rep] = [str(a[0], 'the string'), str(a[1], 'the substring'), str(a[2], 'the replacement')];
    if (sub.length > 1 && sub.startsWith('/') && sub.endsWith('/'))
      return s.replace(goRegex(sub.slice(1, -1)), rep.replace(/\$\{(\w+)\}/g, '$$<$1>'));
    return s.split(sub).join(rep);
  },
  lower: (a) => (arity('lower', a, 1), str(a[0], 'the string').toLowerCase()),
  upper: (a) => (arity('upper', a, 1), str(a[0], 'the string').toUpperCase()),
  trimspace: (a) => (arity('trimspace', a, 1), str(a[0], 'the string').trim()),
  tostring: (a) => (arity('tostring', a, 1), a[0] === null ? null : str(a[0], 'the argument of `tostring`')),
  tonumber: (a) => (arity('tonumber', a, 1), a[0] === null ? null : toNum(a[0])),
  tobool: (a) => {
    arity('tobool', a, 1);
    if (a[0] === null || typeof a[0] === 'boolean') return a[0];
    if (a[0] === 'true' || a[0] === 'false') return a[0] === 'true';
    throw new FnError(`\`tobool\` cannot convert ${describe(a[0])}`);
  },
  tolist: (a) => (arity('tolist', a, 1), a[0] === null ? null : list(a[0], 'the argument of `tolist`')),
  toset: (a) => (arity('toset', a, 1), a[0] === null ? null : toSet(list(a[0], 'the argument of `toset`'))),
  tomap: (a) => (arity('tomap', a, 1), a[0] === null ? null : { ...obj(a[0], 'the argument of `tomap`') }),
  coalesce: (a) => {
    const v = a.find((x) => x !== null && x !== '');
    if (v === undefined) throw new FnError('`coalesce`: no argument is non-null and non-empty');
    return v;
  },
  compact: (a) => (arity('compact', a, 1), list(a[0], 'the argument of `compact`').filter((x) => x !== null && x !== '')),
  flatten: (a) => (arity('flatten', a, 1), flatten(list(a[0], 'the argument of `flatten`'))),
  distinct: (a) => (arity('distinct', a, 1), distinct(list(a[0], 'the argument of `distinct`'))),
  keys: (a) => (arity('keys', a, 1), Object.keys(obj(a[0], 'the argument of `keys`')).sort()),
  values: (a) => (arity('values', a, 1), elementsOf(obj(a[0], 'the argument of `values`')).map((e) => e.value)),
  contains: (a) => (arity('contains', a, 2), list(a[0], 'the first argument of `contains`').some((x) => tfEqual(x, a[1]))),
  zipmap: (a) => {
    arity('zipmap', a, 2);
    const [k, v] = [list(a[0], 'the keys'), list(a[1], 'the values')];
    if (k.length !== v.length) throw new FnError('`zipmap`: the lists have different lengths');
    return Object.fromEntries(k.map((key, i) => [str(key, 'a key'), v[i]]));
  },
  // Beyond imports.md's list: small functions configurations use beside it, with Terraform's semantics.
  sensitive: (a) => (arity('sensitive', a, 1), a[0]),
  nonsensitive: (a) => (arity('nonsensitive', a, 1), a[0]),
  alltrue: (a) => (arity('alltrue', a, 1), list(a[0], 'the argument of `alltrue`').every((x) => x === true || x === 'true')),
  anytrue: (a) => (arity('anytrue', a, 1), list(a[0], 'the argument of `anytrue`').some((x) => x === true || x === 'true')),
  startswith: (a) => (arity('startswith', a, 2), str(a[0], 'the string').startsWith(str(a[1], 'the prefix'))),
  endswith: (a) => (arity('endswith', a, 2), str(a[0], 'the string').endsWith(str(a[1], 'the suffix'))),
  trimprefix: (a) => {
    arity('trimprefix', a, 2);
    const [s, p] = [str(a[0], 'the string'), str(a[1], 'the prefix')];
    return s.startsWith(p) ? s.slice(p.length) : s;
  },
  trimsuffix: (a) => {
    arity('trimsuffix', a, 2);
    const [s, p] = [str(a[0], 'the string'), str(a[1], 'the suffix')];
    return p !== '' && s.endsWith(p) ? s.slice(0, -p.length) : s;
  },
  one: (a) => {
    arity('one', a, 1);
    const l = list(a[0], 'the argument of `one`');
    if (l.length > 1) throw new FnError('`one`: the list has more than one element');
    return l.length === 0 ? null : l[0];
  },
  range: (a) => {
    arity('range', a, 1, 3);
    const n = a.map((x) => Number(toNum(x)));
    const [start, end, step] = n.length === 1 ? [0, n[0]!, 1] : [n[0]!, n[1]!, n[2] ?? (n[0]! <= n[1]! ? 1 : -1)];
    if (step === 0 || (end - start) / step > 1024)
      throw new FnError('`range`: the step must not be 0, and the result at most 1024 numbers');
    const out: number[] = [];
    for (let i = start; step > 0 ? i < end : i > end; i += step) out.push(i);
    return out;
  },
  // Removed in Terraform 0.15; configurations written for 0.12 (tags) still call it.
  map: (a) => {
    if (a.length % 2 !== 0) throw new FnError('`map` takes key/value pairs');
    return Object.fromEntries(Array.from({ length: a.length / 2 }, (_x, i) => [str(a[2 * i], 'a key'), a[2 * i + 1]]));
  },
};

/** Functions that rewrite strings: any unresolved part makes the whole result unknown. */
const REWRITING = new Set([
  'jsondecode',
  'file',
  'templatefile',
  'split',
  'replace',
  'lower',
  'upper',
  'trimspace',
  'tonumber',
  'tobool',
  'contains',
]);

export const FUNCTION_NAMES = Object.keys(FUNCTIONS);

export function isFunction(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(FUNCTIONS, name.replace(/^provider::[^:]+::/, ''));
}

/**
 * Calls `name`. An argument that is wholly unknown (or, for a function that rewrites strings, one
 * holding an unresolved part) makes the result unknown; a wrong argument throws FnError.
 */
export function callFunction(name: string, args: unknown[], ctx: FnContext): unknown {
  const fn = FUNCTIONS[name];
  if (!fn) throw new FnError(`\`${name}\` is not a function keycard evaluates`);
  const rewrite = REWRITING.has(name);
  const unknown = args.filter((a) => (rewrite ? unknownNames(a).length > 0 : isWhollyUnknown(a)));
  if (unknown.length > 0 && name !== 'coalesce') return unknownOf(unknownNames(...unknown));
  try {
    return fn(args, ctx);
  } catch (e) {
    // A wrong argument type or a bad regular expression is Terraform's error at the call; anything
    // else (a path outside the repository) stops the import.
    if (e instanceof TypeError || e instanceof RangeError || e instanceof SyntaxError) throw new FnError(`\`${name}\`: ${e.message}`);
    throw e;
  }
}
