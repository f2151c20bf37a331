/**
 * Condition evaluation (iam-reference §3.4): a missing key fails positive operators and satisfies
 * negated ones; IfExists makes a missing key true, except under ForAnyValue; ForAllValues is true
 * on an empty set and ForAnyValue false; several values are ORed (ANDed for negated operators).
 * Variables in values that have no value match nothing.
 */
import { arnConditionMatch } from './arn.js';
import { globMatch } from './glob.js';
import { cidrContains } from './ip.js';
import { NO, UNKNOWN, YES, type CompiledCondition, type PreparedRequest, type Tri } from './types.js';
import { parseDate, parseNumber } from './values.js';
import { resolveCached } from './resolve-cached.js';

function compareNumbers(base: string, a: number, b: number): boolean {
  switch (base) {
    case 'NumericEquals':
    case 'NumericNotEquals':
    case 'DateEquals':
    case 'DateNotEquals':
      return a === b;
    case 'NumericLessThan':
    case 'DateLessThan':
      return a < b;
    case 'NumericLessThanEquals':
    case 'DateLessThanEquals':
      return a <= b;
    case 'NumericGreaterThan':
    case 'DateGreaterThan':
      return a > b;
    default:
      return a >= b;
  }
}

function base64Bytes(s: string): string {
  const clean = s.replace(/\s+/g, '');
  return /^[A-Za-z0-9+/]*={0,2}$/.test(clean) ? Buffer.from(clean, 'base64').toString('hex') : `raw:${s}`;
}

/** One policy value (resolved, lowercased for IgnoreCase/Bool) against one request value. */
function same(c: CompiledCondition, policy: string, value: string): boolean {
  if (c.family === 'arn') return arnConditionMatch(policy, value);
  if (c.base === 'StringLike' || c.base === 'StringNotLike') return globMatch(policy, value);
  return policy === value;
}

/** The positive form of the operator on one request value: does any policy value match it? No allocation. */
function matchesAny(c: CompiledCondition, value: string, req: PreparedRequest): boolean {
  switch (c.family) {
    case 'string':
    case 'bool':
    case 'arn': {
      const lower = c.family === 'bool' || c.base === 'StringEqualsIgnoreCase' || c.base === 'StringNotEqualsIgnoreCase';
      const v = lower ? value.toLowerCase() : value;
      const fixed = c.staticValues;
      if (fixed !== undefined) {
        for (let i = 0; i < fixed.length; i++) if (same(c, fixed[i]!, v)) return true;
        return false;
      }
      const templates = c.templates;
      for (let i = 0; i < templates.length; i++) {
        const resolved = resolveCached(templates[i]!, req);
        if (resolved === undefined) continue; // a variable without a value matches nothing
        if (same(c, lower ? resolved.toLowerCase() : resolved, v)) return true;
      }
      return false;
    }
    case 'numeric':
    case 'date': {
      const n = c.family === 'numeric' ? parseNumber(value) : parseDate(value);
      if (n === undefined) return false;
      for (let i = 0; i < c.numbers.length; i++) if (compareNumbers(c.base, n, c.numbers[i]!)) return true;
      return false;
    }
    case 'ip':
      return c.cidrs.some((b) => cidrContains(b, value));
    case 'binary': {
      const bytes = base64Bytes(value);
      return c.rawValues.some((p) => base64Bytes(p) === bytes);
    }
    default:
      return false;
  }
}

/**
 * Evaluates one condition (one operator and one key) for a request: the only condition evaluator.
 * A missing key (or an empty set): ForAllValues is true, ForAnyValue is false even with IfExists
 * ("for no matching key or a null dataset, the condition returns false"), IfExists is true,
 * otherwise positive operators fail and negated ones hold.
 */
export function evaluateCondition(c: CompiledCondition, req: PreparedRequest): Tri {
  if (c.unknown) return UNKNOWN;
  const values = req.context.get(c.keyLower);
  if (c.family === 'null') {
    const absent = values === undefined || values.length === 0;
    for (let i = 0; i < c.rawValues.length; i++) if ((c.rawValues[i]!.toLowerCase() === 'true') === absent) return YES;
    return NO;
  }
  if (values === undefined || values.length === 0) {
    if (c.qualifier === 'all') return YES;
    if (c.qualifier === 'any') return NO;
    if (c.ifExists) return YES;
    return c.negated ? YES : NO;
  }
  if (c.qualifier === 'all') {
    for (let i = 0; i < values.length; i++) if (matchesAny(c, values[i]!, req) === c.negated) return NO;
    return YES;
  }
  if (c.qualifier === 'any') {
    for (let i = 0; i < values.length; i++) if (matchesAny(c, values[i]!, req) !== c.negated) return YES;
    return NO;
  }
  // No set operator: the positive operator holds when any value matches; a negated one when none does.
  let positive = false;
  for (let i = 0; i < values.length; i++) {
    if (matchesAny(c, values[i]!, req)) {
      positive = true;
      break;
    }
  }
  return positive !== c.negated ? YES : NO;
}

/** One line for explanations: why the condition failed (or could not be evaluated). */
export function describeConditionFailure(c: CompiledCondition, req: PreparedRequest): string {
  if (c.unknown) return `condition \`${c.operator}\` on \`${c.key}\` not evaluated: ${c.unknown}`;
  const found = req.context.get(c.keyLower);
  const shown = c.rawValues.map((v) => `\`${v}\``).join(', ');
  if (!found || found.length === 0) return `condition \`${c.operator}\` \`${c.key}\`: the key is absent from the request context`;
  const got = found.length === 1 ? `\`${found[0]}\`` : `[${found.map((v) => `\`${v}\``).join(', ')}]`;
  return `condition \`${c.operator}\` \`${c.key}\`: request value ${got} does not satisfy ${shown}`;
}
