/**
 * IAM Condition blocks → Cedar expressions over `context`. Each key has views (context
 * attributes) built from the request: `k` (the single value), `k#set` (all values), `k#lc`,
 * `k#num`, `k#date`, `k#ip`, `k#arn`. Every access is guarded by `has`, because Cedar skips a
 * policy whose condition errors, which would silently drop a Deny.
 */
import type { PathKey } from '../../diagnostics/diagnostic.js';
import { cedarString } from '../wasm.js';
import { untranslatable, useView, type TranslateEnv } from './env.js';
import { and, FALSE, not, or, TRUE } from './expr.js';
import { matchPieces } from './pattern.js';
import { resolvePolicyString, type Piece } from './template.js';
import { arnParts, scalar, toDatetime, toDecimal, toIp } from './values.js';

type Family = 'string' | 'like' | 'lower' | 'numeric' | 'date' | 'bool' | 'binary' | 'ip' | 'arn' | 'null';

interface Op {
  family: Family;
  negated: boolean;
  /** Comparison for numeric and date operators. */
  compare?: 'eq' | 'lt' | 'le' | 'gt' | 'ge';
}

const OPS: Record<string, Op> = {
  stringequals: { family: 'string', negated: false },
  stringnotequals: { family: 'string', negated: true },
  stringequalsignorecase: { family: 'lower', negated: false },
  stringnotequalsignorecase: { family: 'lower', negated: true },
  stringlike: { family: 'like', negated: false },
  stringnotlike: { family: 'like', negated: true },
  numericequals: { family: 'numeric', negated: false, compare: 'eq' },
  numericnotequals: { family: 'numeric', negated: true, compare: 'eq' },
  numericlessthan: { family: 'numeric', negated: false, compare: 'lt' },
  numericlessthanequals: { family: 'numeric', negated: false, compare: 'le' },
  numericgreaterthan: { family: 'numeric', negated: false, compare: 'gt' },
  numericgreaterthanequals: { family: 'numeric', negated: false, compare: 'ge' },
  dateequals: { family: 'date', negated: false, compare: 'eq' },
  datenotequals: { family: 'date', negated: true, compare: 'eq' },
  datelessthan: { family: 'date', negated: false, compare: 'lt' },
  datelessthanequals: { family: 'date', negated: false, compare: 'le' },
  dategreaterthan: { family: 'date', negated: false, compare: 'gt' },
  dategreaterthanequals: { family: 'date', negated: false, compare: 'ge' },
  bool: { family: 'bool', negated: false },
  binaryequals: { family: 'binary', negated: false },
  ipaddress: { family: 'ip', negated: false },
  notipaddress: { family: 'ip', negated: true },
  arnequals: { family: 'arn', negated: false },
  arnlike: { family: 'arn', negated: false },
  arnnotequals: { family: 'arn', negated: true },
  arnnotlike: { family: 'arn', negated: true },
  null: { family: 'null', negated: false },
};

interface ParsedOperator {
  op: Op;
  qualifier: 'none' | 'all' | 'any';
  ifExists: boolean;
}

function parseOperator(name: string): ParsedOperator | undefined {
  let rest = name.toLowerCase();
  let qualifier: ParsedOperator['qualifier'] = 'none';
  if (rest.startsWith('forallvalues:')) [qualifier, rest] = ['all', rest.slice(13)];
  else if (rest.startsWith('foranyvalue:')) [qualifier, rest] = ['any', rest.slice(12)];
  let ifExists = false;
  if (rest.endsWith('ifexists')) [ifExists, rest] = [true, rest.slice(0, -8)];
  const op = OPS[rest];
  if (!op || (op.family === 'null' && (ifExists || qualifier !== 'none'))) return undefined;
  return { op, qualifier, ifExists };
}

/** The whole Condition element: every operator and every key must hold. */
export function translateConditions(condition: unknown, env: TranslateEnv, path: PathKey[]): string {
  if (condition === undefined) return TRUE;
  if (!isObject(condition)) {
    untranslatable(env, path, 'the `Condition` element is not an object', 'write `Condition: {Operator: {key: value}}`');
    return FALSE;
  }
  const parts: string[] = [];
  for (const [opName, block] of Object.entries(condition)) {
    const parsed = parseOperator(opName);
    if (!parsed) {
      untranslatable(env, [...path, opName], `unknown condition operator \`${opName}\``, 'keycard compares only statements it understands');
      return FALSE;
    }
    if (!isObject(block)) {
      untranslatable(env, [...path, opName], `the \`${opName}\` block is not an object`, 'write `{key: value}` under the operator');
      return FALSE;
    }
    for (const [key, raw] of Object.entries(block)) {
      const values = (Array.isArray(raw) ? raw : [raw]).map(scalar);
      if (values.some((v) => v === undefined)) {
        untranslatable(
          env,
          [...path, opName, key],
          `a value of \`${opName}\` \`${key}\` is not a string`,
          'condition values are strings, numbers or booleans',
        );
        return FALSE;
      }
      parts.push(translateOne(parsed, key.toLowerCase(), values as string[], env, [...path, opName, key]));
    }
  }
  return and(parts);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const has = (view: string) => `context has ${cedarString(view)}`;
const get = (view: string) => `context[${cedarString(view)}]`;

/** One operator on one key. */
function translateOne(p: ParsedOperator, key: string, values: string[], env: TranslateEnv, path: PathKey[]): string {
  const { op, qualifier, ifExists } = p;
  const requestValues = env.request?.get(key);
  const multi = requestValues !== undefined && requestValues.length > 1;
  if (op.family === 'null') {
    const present = has(useView(env, key, 'set', 'Set<String>'));
    return or(values.map((v) => (v.toLowerCase() === 'true' ? not(present) : present)));
  }
  // With a set operator or several request values the set view is read; otherwise the single value.
  const useSet = qualifier !== 'none' || multi;
  const presence = has(useView(env, key, useSet ? 'set' : '', useSet ? 'Set<String>' : 'String'));
  const whenAbsent = qualifier === 'all' || ifExists ? true : qualifier === 'any' ? false : op.negated;
  const present = useSet ? setTest(p, key, values, env, path) : singleTest(op, key, values, env, path);
  return whenAbsent ? or([not(presence), and([presence, present])]) : and([presence, present]);
}

/** Policy values resolved for this request; values whose variable has no value are dropped (they match nothing). */
function resolved(values: string[], wildcards: boolean, env: TranslateEnv, path: PathKey[]): Piece[][] {
  const out: Piece[][] = [];
  values.forEach((v, i) => {
    const pieces = resolvePolicyString(v, wildcards, env, [...path, i]);
    if (pieces) out.push(pieces);
  });
  return out;
}

function texts(values: string[], env: TranslateEnv, path: PathKey[]): string[] {
  return resolved(values, false, env, path).map((pieces) => pieces.map((x) => ('text' in x ? x.text : x.wildcard)).join(''));
}

function cedarSet(items: string[]): string {
  return `[${items.map(cedarString).join(', ')}]`;
}

/** Set operators (Cedar forbids empty set literals, so an empty policy list is folded to a constant). */
function setTest(p: ParsedOperator, key: string, values: string[], env: TranslateEnv, path: PathKey[]): string {
  const { op, qualifier } = p;
  if (op.family !== 'string' && op.family !== 'lower' && !(op.family === 'bool' && qualifier === 'none')) {
    const what =
      qualifier === 'none'
        ? `\`${key}\` with several request values`
        : `\`${qualifier === 'all' ? 'ForAllValues' : 'ForAnyValue'}\` with a ${op.family} operator`;
    untranslatable(
      env,
      path,
      `${what} cannot be expressed in Cedar`,
      'Cedar has no quantifier over set elements other than containsAll/containsAny',
    );
    return FALSE;
  }
  const lower = op.family !== 'string';
  let policy = texts(values, env, path);
  if (lower) policy = policy.map((v) => v.toLowerCase());
  const set = get(lower ? useView(env, key, 'lcset', 'Set<String>') : useView(env, key, 'set', 'Set<String>'));
  const guard = lower ? has(useView(env, key, 'lcset', 'Set<String>')) : TRUE;
  const list = cedarSet(policy);
  let test: string;
  if (qualifier === 'none' || (qualifier === 'any' && !op.negated)) {
    // Some request value equals some policy value (negated: none does).
    test = policy.length === 0 ? FALSE : `${set}.containsAny(${list})`;
    if (qualifier === 'none' && op.negated) test = not(test);
  } else if (qualifier === 'any') {
    // Some request value outside the policy values (the request set is never empty).
    test = policy.length === 0 ? TRUE : `!(${list}.containsAll(${set}))`;
  } else if (!op.negated) {
    test = policy.length === 0 ? FALSE : `${list}.containsAll(${set})`;
  } else {
    test = policy.length === 0 ? TRUE : `!(${set}.containsAny(${list}))`;
  }
  return and([guard, test]);
}

const COMPARE: Record<string, (a: string, b: string, decimal: boolean) => string> = {
  eq: (a, b) => `${a} == ${b}`,
  lt: (a, b, d) => (d ? `${a}.lessThan(${b})` : `${a} < ${b}`),
  le: (a, b, d) => (d ? `${a}.lessThanOrEqual(${b})` : `${a} <= ${b}`),
  gt: (a, b, d) => (d ? `${a}.greaterThan(${b})` : `${a} > ${b}`),
  ge: (a, b, d) => (d ? `${a}.greaterThanOrEqual(${b})` : `${a} >= ${b}`),
};

/** The positive test on the single request value, negated for negated operators. */
function singleTest(op: Op, key: string, values: string[], env: TranslateEnv, path: PathKey[]): string {
  const positive = (() => {
    switch (op.family) {
      case 'string': {
        const v = useView(env, key, '', 'String');
        return or(texts(values, env, path).map((t) => `${get(v)} == ${cedarString(t)}`));
      }
      case 'lower':
      case 'bool': {
        const v = useView(env, key, 'lc', 'String');
        return and([has(v), or(texts(values, env, path).map((t) => `${get(v)} == ${cedarString(t.toLowerCase())}`))]);
      }
      case 'like': {
        const v = useView(env, key, '', 'String');
        return or(resolved(values, true, env, path).map((pieces) => matchPieces(get(v), pieces, env, path)));
      }
      case 'numeric':
      case 'date':
        return ordered(op, key, values, env, path);
      case 'ip':
        return ipTest(key, values, env, path);
      case 'arn':
        return arnTest(key, values, env, path);
      default:
        untranslatable(env, path, `\`${op.family}\` conditions are not translated to Cedar`, 'this statement is not compared');
        return FALSE;
    }
  })();
  return op.negated ? not(positive) : positive;
}

function ordered(op: Op, key: string, values: string[], env: TranslateEnv, path: PathKey[]): string {
  const decimal = op.family === 'numeric';
  const convert = decimal ? toDecimal : toDatetime;
  const v = useView(env, key, decimal ? 'num' : 'date', decimal ? 'decimal' : 'datetime');
  const request = env.request?.get(key)?.[0];
  if (request !== undefined) {
    const r = convert(request);
    if (!r.ok && !r.exact) {
      untranslatable(
        env,
        path,
        `request value \`${request}\` of \`${key}\` has no exact Cedar ${decimal ? 'decimal' : 'datetime'}`,
        'Cedar decimals have 4 fractional digits; datetimes span years 1 to 9999',
      );
      return FALSE;
    }
  }
  const tests: string[] = [];
  for (const [i, text] of values.entries()) {
    const c = convert(text);
    if (!c.ok) {
      untranslatable(
        env,
        [...path, i],
        `\`${text}\` has no exact Cedar ${decimal ? 'decimal' : 'datetime'}`,
        'this statement is not compared',
      );
      return FALSE;
    }
    tests.push(COMPARE[op.compare!]!(get(v), `${decimal ? 'decimal' : 'datetime'}(${cedarString(c.value)})`, decimal));
  }
  return and([has(v), or(tests)]);
}

function ipTest(key: string, values: string[], env: TranslateEnv, path: PathKey[]): string {
  const v = useView(env, key, 'ip', 'ipaddr');
  const request = env.request?.get(key)?.[0];
  if (request !== undefined && !toIp(request, false).ok) {
    untranslatable(
      env,
      path,
      `request value \`${request}\` of \`${key}\` is not an address Cedar reads the same way`,
      'use a plain IPv4 or IPv6 address',
    );
    return FALSE;
  }
  const tests: string[] = [];
  for (const [i, text] of values.entries()) {
    const c = toIp(text, true);
    if (!c.ok) {
      untranslatable(env, [...path, i], `\`${text}\` is not a CIDR block Cedar reads the same way`, 'this statement is not compared');
      return FALSE;
    }
    tests.push(`${get(v)}.isInRange(ip(${cedarString(c.value)}))`);
  }
  return and([has(v), or(tests)]);
}

/** ArnLike/ArnEquals: each of the six segments separately, so `*` never crosses a colon. */
function arnTest(key: string, values: string[], env: TranslateEnv, path: PathKey[]): string {
  const v = useView(env, key, 'arn', 'Arn');
  const tests: string[] = [];
  for (const pieces of resolved(values, true, env, path)) {
    const segments = splitPieces(pieces);
    if (!segments) continue; // fewer than six segments: matches nothing
    tests.push(and(segments.map((seg, i) => matchPieces(`${get(v)}.s${i}`, seg, env, path))));
  }
  return and([has(v), or(tests)]);
}

/** Splits at the first five colons of literal text (wildcards never contain colons). */
export function splitAtColons(pieces: readonly Piece[]): Piece[][] {
  const out: Piece[][] = [[]];
  for (const p of pieces) {
    if ('wildcard' in p || out.length === 6) {
      out[out.length - 1]!.push(p);
      continue;
    }
    let text = p.text;
    let colon = text.indexOf(':');
    while (colon >= 0 && out.length < 6) {
      if (colon > 0) out[out.length - 1]!.push({ text: text.slice(0, colon) });
      out.push([]);
      text = text.slice(colon + 1);
      colon = text.indexOf(':');
    }
    if (text) out[out.length - 1]!.push({ text });
  }
  return out;
}

/** The six ARN segments of resolved pieces, or undefined when they are not an ARN. */
function splitPieces(pieces: readonly Piece[]): Piece[][] | undefined {
  const out = splitAtColons(pieces);
  return out.length === 6 ? out : undefined;
}

/** The views of one request key, as Cedar context values (only the views the policies read). */
export function contextViews(key: string, values: string[], wanted: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (values.length === 0) return out;
  const single = values.length === 1 ? values[0]! : undefined;
  for (const view of wanted) {
    switch (view) {
      case '':
        if (single !== undefined) out[key] = single;
        break;
      case 'set':
        out[`${key}#set`] = values;
        break;
      case 'lcset':
        out[`${key}#lcset`] = values.map((x) => x.toLowerCase());
        break;
      case 'lc':
        if (single !== undefined) out[`${key}#lc`] = single.toLowerCase();
        break;
      case 'num': {
        const d = single !== undefined ? toDecimal(single) : undefined;
        if (d?.ok) out[`${key}#num`] = { __extn: { fn: 'decimal', arg: d.value } };
        break;
      }
      case 'date': {
        const d = single !== undefined ? toDatetime(single) : undefined;
        if (d?.ok) out[`${key}#date`] = { __extn: { fn: 'datetime', arg: d.value } };
        break;
      }
      case 'ip': {
        const d = single !== undefined ? toIp(single, false) : undefined;
        if (d?.ok) out[`${key}#ip`] = { __extn: { fn: 'ip', arg: d.value } };
        break;
      }
      case 'arn': {
        const parts = single !== undefined ? arnParts(single) : undefined;
        if (parts) out[`${key}#arn`] = Object.fromEntries(parts.map((s, i) => [`s${i}`, s]));
        break;
      }
    }
  }
  return out;
}
