/**
 * A compiled statement in the form the hot loop wants: flat fields, data matchers, conditions
 * tagged with how to compare them. Matching follows `matchStatement` (Action already filtered by
 * the index, no explanation); a test checks the two agree on random policies and requests.
 */
import { exemptByNotPrincipal, matchPrincipal } from '../principal.js';
import { NO, UNKNOWN, YES, type CompiledStatement, type GrantKind, type PreparedRequest, type PrincipalEntry, type PrincipalInfo, type Tri } from '../types.js';
import { compileFastCondition, conditionFast, type FastCondition } from './condition-fast.js';
import { compileResource, resourceHit, type FastResource } from './resource-fast.js';

export const GRANT_RANK: Record<GrantKind, number> = { direct: 3, role: 2, account: 1 };

export interface FastStatement {
  isAllow: boolean;
  /** The statement has a problem: at best it matches Unknown. */
  flawed: boolean;
  /** Undefined when there is no Resource element (trust policies). */
  resources: FastResource[] | undefined;
  notResource: boolean;
  unclearResource: boolean;
  principals: PrincipalEntry[] | undefined;
  notPrincipal: boolean;
  unclearPrincipal: boolean;
  conditions: FastCondition[];
  /** matchPrincipal's rank (0: not named) for the last principal seen; requests of one caller share it. */
  lastPrincipal: PrincipalInfo | undefined;
  lastRank: number;
}

export function compileFastStatement(st: CompiledStatement): FastStatement {
  return {
    isAllow: st.effect === 'Allow',
    flawed: st.problems.length > 0,
    resources: st.resources?.map(compileResource),
    notResource: st.notResource,
    unclearResource: st.unclear.resource,
    principals: st.principals,
    notPrincipal: st.notPrincipal,
    unclearPrincipal: st.unclear.principal,
    conditions: st.conditions.map(compileFastCondition),
    lastPrincipal: undefined,
    lastRank: 0,
  };
}

function principalRank(s: FastStatement, p: PrincipalInfo): number {
  if (s.lastPrincipal !== p) {
    const g = matchPrincipal(s.principals!, p);
    s.lastRank = g === undefined ? 0 : GRANT_RANK[g];
    s.lastPrincipal = p;
  }
  return s.lastRank;
}

/** Result of a match: the Tri in the low bits, the grant rank (0 none, 1–3) above them. */
export const RANK_SHIFT = 2;

/** Matches a statement whose Action is known to cover the request's action. */
export function matchFast(s: FastStatement, req: PreparedRequest, bucket: string, hasBoundary: boolean): number {
  let unknown = s.flawed;
  const resources = s.resources;
  if (resources === undefined) {
    if (s.unclearResource) unknown = true;
  } else {
    let hit = false;
    for (let i = 0; i < resources.length; i++) {
      if (resourceHit(resources[i]!, req, bucket)) {
        hit = true;
        break;
      }
    }
    if (s.unclearResource && !hit) unknown = true;
    else if (hit === s.notResource) return NO;
  }
  let rank = 0;
  if (s.principals === undefined) {
    if (s.unclearPrincipal) unknown = true;
  } else if (s.notPrincipal) {
    if (exemptByNotPrincipal(s.principals, req.principal, hasBoundary)) return NO;
    rank = GRANT_RANK.account; // an Allow with NotPrincipal is honoured only as a delegation (conservative)
  } else {
    rank = principalRank(s, req.principal);
    if (rank === 0) {
      if (!s.unclearPrincipal) return NO;
      unknown = true;
    }
  }
  const conditions = s.conditions;
  for (let i = 0; i < conditions.length; i++) {
    const r: Tri = conditionFast(conditions[i]!, req);
    if (r === NO) return NO;
    if (r === UNKNOWN) unknown = true;
  }
  return unknown ? UNKNOWN : YES | (rank << RANK_SHIFT);
}
