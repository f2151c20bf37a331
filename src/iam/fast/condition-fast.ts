/**
 * String and Bool conditions (nearly all conditions in practice) evaluated without allocating:
 * policy values are resolved through the per-request cache and compared in place. Every other
 * family goes to `evaluateCondition`, which stays the reference for all of them.
 */
import { evaluateCondition } from '../conditions.js';
import { globMatch } from '../glob.js';
import { resolveCached } from '../resolve-cached.js';
import { NO, YES, type CompiledCondition, type PreparedRequest, type Tri } from '../types.js';

/** How one request value is compared with the policy values. */
const DELEGATE = 0;
const EQUALS = 1;
const LIKE = 2;
/** StringEqualsIgnoreCase and Bool: policy values are lowercased (static ones at compile time). */
const LOWERCASE = 3;

export interface FastCondition {
  c: CompiledCondition;
  mode: 0 | 1 | 2 | 3;
}

export function compileFastCondition(c: CompiledCondition): FastCondition {
  if (c.unknown || (c.family !== 'string' && c.family !== 'bool')) return { c, mode: DELEGATE };
  if (c.family === 'bool' || c.base === 'StringEqualsIgnoreCase' || c.base === 'StringNotEqualsIgnoreCase') return { c, mode: LOWERCASE };
  if (c.base === 'StringLike' || c.base === 'StringNotLike') return { c, mode: LIKE };
  return { c, mode: EQUALS };
}

function same(mode: number, policyValue: string, value: string): boolean {
  return mode === LIKE ? globMatch(policyValue, value) : policyValue === value;
}

/** The positive operator on one request value: does any policy value match it? */
function matchesAny(f: FastCondition, value: string, req: PreparedRequest): boolean {
  const c = f.c;
  const mode = f.mode;
  const v = mode === LOWERCASE ? value.toLowerCase() : value;
  const fixed = c.staticValues;
  if (fixed !== undefined) {
    for (let i = 0; i < fixed.length; i++) if (same(mode, fixed[i]!, v)) return true;
    return false;
  }
  const templates = c.templates;
  for (let i = 0; i < templates.length; i++) {
    const resolved = resolveCached(templates[i]!, req);
    if (resolved === undefined) continue; // a variable without a value matches nothing
    if (same(mode, mode === LOWERCASE ? resolved.toLowerCase() : resolved, v)) return true;
  }
  return false;
}

export function conditionFast(f: FastCondition, req: PreparedRequest): Tri {
  const c = f.c;
  if (f.mode === DELEGATE) return evaluateCondition(c, req);
  const values = req.context.get(c.keyLower);
  if (values === undefined || values.length === 0) {
    if (c.qualifier === 'all' || c.ifExists) return YES;
    if (c.qualifier === 'any') return NO;
    return c.negated ? YES : NO;
  }
  if (c.qualifier === 'all') {
    for (let i = 0; i < values.length; i++) if (matchesAny(f, values[i]!, req) === c.negated) return NO;
    return YES;
  }
  if (c.qualifier === 'any') {
    for (let i = 0; i < values.length; i++) if (matchesAny(f, values[i]!, req) !== c.negated) return YES;
    return NO;
  }
  // No set operator: the positive operator holds when any value matches; a negated one when none does.
  let positive = false;
  for (let i = 0; i < values.length; i++) {
    if (matchesAny(f, values[i]!, req)) {
      positive = true;
      break;
    }
  }
  return positive !== c.negated ? YES : NO;
}
