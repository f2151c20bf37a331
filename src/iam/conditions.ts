/**
 * Condition evaluation (iam-reference §3.4): a missing key fails positive operators and satisfies
 * negated ones; IfExists makes a missing key true; ForAllValues is true on an empty set and
 * ForAnyValue false; several values are ORed (ANDed for negated operators). Variables in values
 * that have no value match nothing.
 */
import { arnConditionMatch } from './arn.js';
import { globMatch } from './glob.js';
import { cidrContains } from './ip.js';
import { NO, UNKNOWN, YES, type CompiledCondition, type PreparedRequest, type Tri } from './types.js';
import { parseDate, parseNumber } from './values.js';
import { resolveCached } from './resolve-cached.js';

/** Policy values of a string-like condition, resolved for this request (no-value variables dropped). */
function resolvedValues(c: CompiledCondition, req: PreparedRequest): readonly string[] {
  if (c.staticValues !== undefined) return c.staticValues;
  const out: string[] = [];
  for (const t of c.templates) {
    const v = resolveCached(t, req);
    if (v !== undefined) out.push(c.base === 'StringEqualsIgnoreCase' || c.base === 'StringNotEqualsIgnoreCase' || c.base === 'Bool' ? v.toLowerCase() : v);
  }
  return out;
}

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

/** The positive form of the operator on one request value: does it match any policy value? */
function matchesAny(c: CompiledCondition, value: string, policy: readonly string[]): boolean {
  switch (c.family) {
    case 'string':
      if (c.base === 'StringLike' || c.base === 'StringNotLike') return policy.some((p) => globMatch(p, value));
      if (c.base === 'StringEqualsIgnoreCase' || c.base === 'StringNotEqualsIgnoreCase') {
        const lower = value.toLowerCase();
        return policy.some((p) => p === lower);
      }
      return policy.includes(value);
    case 'bool':
      return policy.includes(value.toLowerCase());
    case 'arn':
      return policy.some((p) => arnConditionMatch(p, value));
    case 'numeric': {
      const n = parseNumber(value);
      return n !== undefined && c.numbers.some((p) => compareNumbers(c.base, n, p));
    }
    case 'date': {
      const d = parseDate(value);
      return d !== undefined && c.numbers.some((p) => compareNumbers(c.base, d, p));
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

/** Evaluates one condition (one operator and one key) for a request. */
export function evaluateCondition(c: CompiledCondition, req: PreparedRequest): Tri {
  if (c.unknown) return UNKNOWN;
  const found = req.context.get(c.keyLower);
  const values = found && found.length > 0 ? found : undefined;
  if (c.family === 'null') {
    const absent = values === undefined;
    return c.rawValues.some((v) => (v.toLowerCase() === 'true' ? absent : !absent)) ? YES : NO;
  }
  if (values === undefined) {
    if (c.qualifier === 'all') return YES;
    if (c.ifExists) return YES;
    if (c.qualifier === 'any') return NO;
    return c.negated ? YES : NO;
  }
  const policy = c.family === 'string' || c.family === 'bool' || c.family === 'arn' ? resolvedValues(c, req) : c.rawValues;
  const test = (v: string) => (c.negated ? !matchesAny(c, v, policy) : matchesAny(c, v, policy));
  if (c.qualifier === 'all') return values.every(test) ? YES : NO;
  if (c.qualifier === 'any') return values.some(test) ? YES : NO;
  // No set operator: the positive operator holds when any value matches; a negated one when none does.
  const positive = values.some((v) => matchesAny(c, v, policy));
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
