/**
 * Matching one compiled statement against a prepared request, three-valued: a part keycard does
 * not understand yields Unknown, which never grants (an Allow needs Yes) and, in a Deny, applies
 * (fail closed). Elements are checked in order Action, Resource, Principal, Condition; the first
 * that fails is the reason.
 */
import { compiledSegmentsMatch, resourcePatternMatch } from './arn.js';
import { describeConditionFailure, evaluateCondition } from './conditions.js';
import { showPattern } from './glob.js';
import { exemptByNotPrincipal, matchPrincipal } from './principal.js';
import { NO, UNKNOWN, YES, type CompiledStatement, type GrantKind, type PreparedRequest, type Tri } from './types.js';
import { resolveCached } from './resolve-cached.js';
import { resolveTemplate } from './variables.js';

/** Facts about the evaluation that statements need beyond the request. */
export interface MatchEnv {
  /** The principal has a permissions boundary (a NotPrincipal Deny then applies to it regardless). */
  hasBoundary: boolean;
}

/** Filled by matchStatement: the reason for No/Unknown (when `explain`) and the grant kind. */
export interface MatchOut {
  reason?: string;
  grant?: GrantKind;
}

/** Whether the statement's Action/NotAction covers the (lowercase) action. */
export function actionMatches(st: CompiledStatement, action: string): Tri {
  let hit = false;
  for (let i = 0; i < st.actionMatchers.length; i++) {
    if (st.actionMatchers[i]!(action)) {
      hit = true;
      break;
    }
  }
  if (st.unclear.action && !hit) return UNKNOWN;
  return hit !== st.notAction ? YES : NO;
}

function resourceMatches(st: CompiledStatement, req: PreparedRequest): Tri {
  const entries = st.resources;
  if (entries === undefined) return st.unclear.resource ? UNKNOWN : YES; // trust policies: the role itself
  let hit = false;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (req.wildcardOnly) {
      // Wildcard-only actions (s3:ListAllMyBuckets) are matched only by `Resource: "*"`.
      if (e.pureStar) {
        hit = true;
        break;
      }
      continue;
    }
    if (e.segments !== undefined) {
      if (compiledSegmentsMatch(e.segments, e.tailCrossesColons === true, req.resourceSegments)) {
        hit = true;
        break;
      }
      continue;
    }
    const pattern = resolveCached(e.template, req);
    if (pattern !== undefined && resourcePatternMatch(pattern, req.resource, req.resourceSegments)) {
      hit = true;
      break;
    }
  }
  if (st.unclear.resource && !hit) return UNKNOWN;
  return hit !== st.notResource ? YES : NO;
}

function principalMatches(st: CompiledStatement, req: PreparedRequest, env: MatchEnv, out: MatchOut): Tri {
  out.grant = undefined;
  if (st.principals === undefined) return st.unclear.principal ? UNKNOWN : YES;
  if (st.notPrincipal) {
    if (exemptByNotPrincipal(st.principals, req.principal, env.hasBoundary)) return NO;
    out.grant = 'account'; // an Allow with NotPrincipal is honoured only as a delegation (conservative)
    return YES;
  }
  const grant = matchPrincipal(st.principals, req.principal);
  if (grant === undefined) return st.unclear.principal ? UNKNOWN : NO;
  out.grant = grant;
  return YES;
}

/** Matches a statement. `skipAction` when the caller already filtered by the action index. */
export function matchStatement(st: CompiledStatement, req: PreparedRequest, env: MatchEnv, out: MatchOut, explain: boolean, skipAction = false): Tri {
  out.reason = undefined;
  let unknown = st.problems.length > 0;
  let r = skipAction ? YES : actionMatches(st, req.action);
  if (r === NO) {
    if (explain) out.reason = `action \`${req.request.action}\` is ${st.notAction ? 'listed in NotAction' : 'not matched by Action'} (${st.actionPatterns.map(showPattern).join(', ') || 'none'})`;
    return NO;
  }
  if (r === UNKNOWN) unknown = true;
  r = resourceMatches(st, req);
  if (r === NO) {
    if (explain) out.reason = describeResourceFailure(st, req);
    return NO;
  }
  if (r === UNKNOWN) unknown = true;
  r = principalMatches(st, req, env, out);
  if (r === NO) {
    if (explain) out.reason = st.notPrincipal ? `principal \`${req.principal.arn}\` is exempted by NotPrincipal` : `principal \`${req.principal.arn}\` is not named in Principal`;
    return NO;
  }
  if (r === UNKNOWN) unknown = true;
  for (let i = 0; i < st.conditions.length; i++) {
    const c = st.conditions[i]!;
    const cr = evaluateCondition(c, req);
    if (cr === NO) {
      if (explain) out.reason = describeConditionFailure(c, req);
      return NO;
    }
    if (cr === UNKNOWN) {
      unknown = true;
      if (explain && !out.reason) out.reason = describeConditionFailure(c, req);
    }
  }
  if (unknown) {
    if (explain && !out.reason) out.reason = `not evaluated: ${st.problems[0] ?? 'an element is not understood'}`;
    return UNKNOWN;
  }
  return YES;
}

function describeResourceFailure(st: CompiledStatement, req: PreparedRequest): string {
  const shown = (st.resources ?? []).map((e) => {
    const v = resolveTemplate(e.template, req.lookup);
    return v === undefined ? `${e.template.source} (a variable has no value)` : showPattern(v);
  });
  if (req.wildcardOnly && !st.notResource) return `\`${req.request.action}\` acts on no resource type, so only \`Resource: "*"\` matches it (statement has ${shown.join(', ')})`;
  return st.notResource
    ? `resource \`${req.resource}\` is listed in NotResource (${shown.join(', ')})`
    : `resource \`${req.resource}\` is not matched by Resource (${shown.join(', ')})`;
}
