/**
 * The one statement matcher. Compiled once per statement (flat fields, data matchers) and used by
 * both the hot loop and the explanation: it returns a compact record (a number) holding the
 * match result, the grant rank, and the element that failed, could not be evaluated or depends
 * on an unresolved value (with the condition's index). Explanations render these records.
 *
 * Elements are checked in order Action, Resource, Principal, Condition; any element that settles
 * the statement as not applying wins over one that is unknown or unresolved.
 */
import { evaluateCondition } from '../conditions.js';
import { exemptByNotPrincipal, GRANT_RANK, matchPrincipal } from '../principal.js';
import {
  DEPENDS,
  NO,
  UNKNOWN,
  YES,
  type CompiledCondition,
  type CompiledStatement,
  type FailedOn,
  type PreparedRequest,
  type PrincipalEntry,
  type PrincipalInfo,
} from '../types.js';
import { compileResource, resourceHit, type FastResource } from './resource-fast.js';
import { textMatches, type TextMatcher } from './text-matcher.js';

export interface FastStatement {
  isAllow: boolean;
  /** The statement has a problem: at best it matches Unknown. */
  flawed: boolean;
  actions: TextMatcher[];
  notAction: boolean;
  unclearAction: boolean;
  unresolvedAction: boolean;
  /** Undefined when there is no Resource element (trust policies). */
  resources: FastResource[] | undefined;
  notResource: boolean;
  unclearResource: boolean;
  unresolvedResource: boolean;
  principals: PrincipalEntry[] | undefined;
  notPrincipal: boolean;
  unclearPrincipal: boolean;
  unresolvedPrincipal: boolean;
  conditions: CompiledCondition[];
  /** matchPrincipal's rank (0: not named) for the last principal seen; requests of one caller share it. */
  lastPrincipal: PrincipalInfo | undefined;
  lastRank: number;
}

/** Record layout: result in bits 0–1, grant rank in 2–3, element code in 4–6, condition index above. */
export const RANK_SHIFT = 2;
const ELEMENT_SHIFT = 4;
const INDEX_SHIFT = 7;
const ACTION = 1;
const RESOURCE = 2;
const PRINCIPAL = 3;
const CONDITION = 4;
const UNSUPPORTED = 5;
const ELEMENTS: readonly (FailedOn | undefined)[] = [undefined, 'action', 'resource', 'principal', 'condition', 'unsupported'];

/** Whether a record says the statement does not apply because of its Action, Resource or Principal: no request key can change that. */
export function ruledOutByScope(rec: number): boolean {
  const element = (rec >> ELEMENT_SHIFT) & 7;
  return (rec & 3) === NO && (element === ACTION || element === RESOURCE || element === PRINCIPAL);
}

/** Decodes a record for explanations. */
export function readRecord(rec: number): { tri: number; rank: number; failedOn?: FailedOn; conditionIndex?: number } {
  const element = (rec >> ELEMENT_SHIFT) & 7;
  const failedOn = ELEMENTS[element];
  return {
    tri: rec & 3,
    rank: (rec >> RANK_SHIFT) & 3,
    ...(failedOn ? { failedOn } : {}),
    ...(element === CONDITION ? { conditionIndex: rec >>> INDEX_SHIFT } : {}),
  };
}

export function compileFastStatement(st: Omit<CompiledStatement, 'matcher'>): FastStatement {
  return {
    isAllow: st.effect === 'Allow',
    flawed: st.problems.length > 0,
    actions: st.actionMatchers,
    notAction: st.notAction,
    unclearAction: st.unclear.action,
    unresolvedAction: st.unresolved.action,
    resources: st.resources?.map(compileResource),
    notResource: st.notResource,
    unclearResource: st.unclear.resource,
    unresolvedResource: st.unresolved.resource,
    principals: st.principals,
    notPrincipal: st.notPrincipal,
    unclearPrincipal: st.unclear.principal,
    unresolvedPrincipal: st.unresolved.principal,
    conditions: st.conditions,
    lastPrincipal: undefined,
    lastRank: 0,
  };
}

/** Whether the statement's Action/NotAction covers the (lowercase) action: YES, NO, UNKNOWN or DEPENDS. */
export function actionTri(s: FastStatement, action: string): number {
  let hit = false;
  const actions = s.actions;
  for (let i = 0; i < actions.length; i++) {
    if (textMatches(actions[i]!, action)) {
      hit = true;
      break;
    }
  }
  if (!hit) {
    if (s.unclearAction) return UNKNOWN;
    if (s.unresolvedAction) return DEPENDS;
  }
  return hit !== s.notAction ? YES : NO;
}

function principalRank(s: FastStatement, p: PrincipalInfo): number {
  if (s.lastPrincipal !== p) {
    const g = matchPrincipal(s.principals!, p);
    s.lastRank = g === undefined ? 0 : GRANT_RANK[g];
    s.lastPrincipal = p;
  }
  return s.lastRank;
}

/**
 * Matches a statement whose Action result is `action` (from `actionTri`, or the policy's action
 * index). Returns the record (see RANK_SHIFT): never allocates.
 */
export function matchStatement(s: FastStatement, req: PreparedRequest, bucket: string, hasBoundary: boolean, action: number): number {
  if (action === NO) return NO | (ACTION << ELEMENT_SHIFT);
  let unknown = action === UNKNOWN ? ACTION : 0;
  let depends = action === DEPENDS ? ACTION : 0;
  const resources = s.resources;
  if (resources === undefined) {
    if (s.unclearResource && !unknown) unknown = RESOURCE;
  } else {
    let hit = false;
    for (let i = 0; i < resources.length; i++) {
      if (resourceHit(resources[i]!, req, bucket)) {
        hit = true;
        break;
      }
    }
    if (hit) {
      if (s.notResource) return NO | (RESOURCE << ELEMENT_SHIFT);
    } else if (s.unclearResource) {
      if (!unknown) unknown = RESOURCE;
    } else if (s.unresolvedResource) {
      if (!depends) depends = RESOURCE;
    } else if (!s.notResource) {
      return NO | (RESOURCE << ELEMENT_SHIFT);
    }
  }
  let rank = 0;
  if (s.principals === undefined) {
    if (s.unclearPrincipal && !unknown) unknown = PRINCIPAL;
  } else if (s.notPrincipal) {
    if (exemptByNotPrincipal(s.principals, req.principal, hasBoundary)) return NO | (PRINCIPAL << ELEMENT_SHIFT);
    if (s.unresolvedPrincipal && !depends) depends = PRINCIPAL; // an unresolved entry may name the caller
    // "Allow with NotPrincipal allows all principals except the one named, including anonymous users."
    rank = GRANT_RANK.direct;
  } else {
    rank = principalRank(s, req.principal);
    if (rank < GRANT_RANK.direct && s.unresolvedPrincipal) {
      if (!depends) depends = PRINCIPAL; // an unresolved entry may name the caller more strongly
    } else if (rank === 0) {
      if (!s.unclearPrincipal) return NO | (PRINCIPAL << ELEMENT_SHIFT);
      if (!unknown) unknown = PRINCIPAL;
    }
  }
  const conditions = s.conditions;
  for (let i = 0; i < conditions.length; i++) {
    const c = conditions[i]!;
    if (c.unresolved !== undefined) {
      if (!depends) depends = CONDITION | (i << (INDEX_SHIFT - ELEMENT_SHIFT));
      continue;
    }
    const r = evaluateCondition(c, req);
    if (r === NO) return NO | ((CONDITION | (i << (INDEX_SHIFT - ELEMENT_SHIFT))) << ELEMENT_SHIFT);
    if (r === UNKNOWN && !unknown) unknown = CONDITION | (i << (INDEX_SHIFT - ELEMENT_SHIFT));
  }
  if (unknown || s.flawed) return UNKNOWN | ((unknown || UNSUPPORTED) << ELEMENT_SHIFT);
  if (depends) return DEPENDS | (rank << RANK_SHIFT) | (depends << ELEMENT_SHIFT);
  return YES | (rank << RANK_SHIFT);
}
