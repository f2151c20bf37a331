/**
 * One policy: its statements' records folded into a few outcome bits. The hot loop looks only at
 * the statements that can apply to the action (indexed once per action, narrowed by bucket when
 * there are many) and stops at the first Deny; the explanation matches every statement. Both fold
 * records with `addRecord`, so they cannot disagree.
 */
import { DEPENDS, NO, UNKNOWN, YES, type CompiledPolicy, type CompiledStatement, type PreparedRequest } from '../types.js';
import { textMatches, type TextMatcher } from './text-matcher.js';
import { actionTri, matchStatement, RANK_SHIFT, type FastStatement } from './statement-fast.js';

/** Outcome bits of a policy: sure and possible (unresolved) Allows and Denies, with grant ranks. */
export const ALLOWS = 1;
export const DENIES = 2;
export const MAY_ALLOW = 4;
export const MAY_DENY = 8;
export const MAYBE = MAY_ALLOW | MAY_DENY;
/** Strongest grant rank of the sure Allows (bits 4–5) and of the possible ones (bits 6–7). */
export const RANK = 4;
export const MAY_RANK = 6;

/** Below this many candidates a bucket index costs more than it saves. */
const BUCKET_INDEX_MIN = 8;
const ACTIONS_LIMIT = 10_000;

interface ActionPlan {
  /** The candidates' statement indexes in the policy. */
  indexes: number[];
  /** Their matchers, filled as the candidates are first reached (see LazyStatements). */
  statements: (FastStatement | undefined)[];
  /** The Action result of each candidate (YES, UNKNOWN or DEPENDS). */
  actions: number[];
  /** Candidates that name the bucket (`bucketOf`); undefined when there are few candidates. */
  byBucket: Map<string, number[]> | undefined;
  /** Candidates that may match any bucket (checked for every request as well as byBucket's). */
  anyBucket: number[];
  /** Many candidates, not indexed by bucket yet (see firstScan). */
  unindexed: boolean;
  /** The first request has scanned the candidates: the next builds the index. */
  scanned?: boolean;
}

/** A cache owned by the compiled policy: the candidate statements per action. */
export interface FastPolicy {
  byAction: Map<string, ActionPlan>;
  /** Set by compilePolicy: statements compile on first use (a cache owned by the policy). */
  lazy?: LazyStatements;
}

/**
 * The policy's statements, compiled on first use. A statement not compiled yet is plain (see
 * compile.ts `isPlain`): only Effect, Action and Resource, literal ARNs or stars, no variables.
 * The index reads its Action and bucket from the JSON, so a decision over 20,000 statements
 * compiles only those that name the request's action and bucket.
 */
export interface LazyStatements {
  raw: readonly unknown[];
  compiled: (CompiledStatement | undefined)[];
  compileAt: (i: number) => CompiledStatement;
  /** The matcher of each action text of the plain statements (lowercase pattern). */
  actionMatchers: Map<string, TextMatcher | undefined>;
}

export function newFastPolicy(): FastPolicy {
  return { byAction: new Map() };
}

/** The buckets a statement can match (see FastResource.bucket), or undefined when it may match any. */
function bucketsOf(s: FastStatement): Set<string> | undefined {
  if (s.resources === undefined || s.notResource || s.unclearResource || s.unresolvedResource) return undefined;
  const out = new Set<string>();
  for (const r of s.resources) {
    if (r.bucket === undefined) return undefined;
    out.add(r.bucket);
  }
  return out;
}

/** A plain statement's Action result, read from its JSON (Action only: never unknown or unresolved). */
function rawActionTri(lazy: LazyStatements, st: { Action: string | string[] }, action: string): number {
  const a = st.Action;
  if (typeof a === 'string') return textMatches(lazy.actionMatchers.get(a)!, action) ? YES : NO;
  for (let i = 0; i < a.length; i++) if (textMatches(lazy.actionMatchers.get(a[i]!)!, action)) return YES;
  return NO;
}

// The buckets of the plain statement being indexed (reused: indexing allocates no set per statement).
const scratch: string[] = [];

/** A plain statement's buckets into `scratch`, read from its JSON as compileResource reads them; false when it may match any. */
function rawBuckets(st: { Resource: string | string[] }): boolean {
  scratch.length = 0;
  const list = st.Resource;
  if (typeof list === 'string') return rawBucket(list);
  for (let i = 0; i < list.length; i++) if (!rawBucket(list[i]!)) return false;
  return true;
}

function rawBucket(r: string): boolean {
  const star = r.indexOf('*');
  const one = r.indexOf('?');
  const cut = star < 0 ? one : one < 0 ? star : Math.min(star, one);
  const slash = r.indexOf('/');
  if (cut >= 0 && (slash < 0 || slash > cut)) return false;
  scratch.push(slash >= 0 ? r.slice(0, slash) : r); // bucketOf without interning (a Map key)
  return true;
}

/** Builds the plan in one pass over the statements (linear, not buckets × statements). */
function planFor(policy: CompiledPolicy, action: string): ActionPlan {
  const f = policy.fast;
  let plan = f.byAction.get(action);
  if (plan !== undefined) return plan;
  if (f.byAction.size >= ACTIONS_LIMIT) f.byAction.clear();
  const lazy = f.lazy;
  const indexes: number[] = [];
  const statements: (FastStatement | undefined)[] = [];
  const actions: number[] = [];
  const n = lazy ? lazy.raw.length : policy.statements.length;
  for (let i = 0; i < n; i++) {
    const st = lazy ? lazy.compiled[i] : policy.statements[i];
    const a = st ? actionTri(st.matcher, action) : rawActionTri(lazy!, lazy!.raw[i] as { Action: string | string[] }, action);
    if (a === NO) continue;
    indexes.push(i);
    statements.push(st?.matcher);
    actions.push(a);
  }
  const all = statements.map((_, i) => i);
  plan = { indexes, statements, actions, byBucket: undefined, anyBucket: all, unindexed: statements.length >= BUCKET_INDEX_MIN };
  f.byAction.set(action, plan);
  return plan;
}

/**
 * The first request of an action scans its candidates, skipping the plain statements whose
 * resources name another bucket (read from their JSON, without allocating); the second builds
 * the bucket index. A decision over a large set made once then pays for no index.
 */
function firstScan(policy: CompiledPolicy, plan: ActionPlan, req: PreparedRequest, bucket: string, hasBoundary: boolean): number {
  const lazy = policy.fast.lazy!;
  let flags = 0;
  for (let k = 0; k < plan.statements.length; k++) {
    let s = plan.statements[k];
    if (s === undefined) {
      const i = plan.indexes[k]!;
      if (!rawMayHitBucket(lazy.raw[i] as { Resource: string | string[] }, bucket)) continue;
      s = plan.statements[k] = lazy.compileAt(i).matcher;
    }
    flags = addRecord(flags, s.isAllow, matchStatement(s, req, bucket, hasBoundary, plan.actions[k]!));
    if (flags & DENIES) return flags;
  }
  return flags;
}

/** Whether one of a plain statement's resources has the bucket `bucket` or may have any (see rawBucket). */
function rawMayHitBucket(st: { Resource: string | string[] }, bucket: string): boolean {
  const list = st.Resource;
  if (typeof list === 'string') return rawEntryMayHit(list, bucket);
  for (let i = 0; i < list.length; i++) if (rawEntryMayHit(list[i]!, bucket)) return true;
  return false;
}

function rawEntryMayHit(r: string, bucket: string): boolean {
  const star = r.indexOf('*');
  const one = r.indexOf('?');
  const cut = star < 0 ? one : one < 0 ? star : Math.min(star, one);
  const slash = r.indexOf('/');
  if (cut >= 0 && (slash < 0 || slash > cut)) return true;
  return slash < 0 ? r === bucket : slash === bucket.length && r.startsWith(bucket);
}

function buildIndex(policy: CompiledPolicy, plan: ActionPlan): void {
  plan.unindexed = false;
  const lazy = policy.fast.lazy;
  const { statements, indexes } = plan;
  {
    const byBucket = new Map<string, number[]>();
    const anyBucket: number[] = [];
    const add = (b: string, i: number) => {
      const list = byBucket.get(b);
      if (list === undefined) byBucket.set(b, [i]);
      else if (list[list.length - 1] !== i) list.push(i);
    };
    for (let i = 0; i < statements.length; i++) {
      const s = statements[i];
      if (s === undefined) {
        if (!rawBuckets(lazy!.raw[indexes[i]!] as { Resource: string | string[] })) anyBucket.push(i);
        else for (let k = 0; k < scratch.length; k++) add(scratch[k]!, i);
        continue;
      }
      const buckets = bucketsOf(s);
      if (buckets === undefined) anyBucket.push(i);
      else for (const b of buckets) add(b, i);
    }
    plan.byBucket = byBucket;
    plan.anyBucket = anyBucket;
  }
}

/** Folds one statement's record into the policy's outcome bits. */
function addRecord(flags: number, isAllow: boolean, rec: number): number {
  const tri = rec & 3;
  if (tri === NO) return flags;
  const rank = (rec >> RANK_SHIFT) & 3;
  if (isAllow) {
    if (tri === YES) return flags | ALLOWS | (Math.max((flags >> RANK) & 3, rank) << RANK);
    if (tri === DEPENDS) return flags | MAY_ALLOW | (Math.max((flags >> MAY_RANK) & 3, rank || 3) << MAY_RANK);
    return flags; // a statement not understood never grants
  }
  // A Deny (or an invalid Effect) that applies, or contains something not understood (fail closed).
  if (tri === YES || tri === UNKNOWN) return flags | DENIES;
  return flags | MAY_DENY;
}

function scan(
  policy: CompiledPolicy,
  list: readonly number[],
  plan: ActionPlan,
  req: PreparedRequest,
  bucket: string,
  hasBoundary: boolean,
  flags: number,
): number {
  for (let i = 0; i < list.length; i++) {
    const k = list[i]!;
    let s = plan.statements[k];
    if (s === undefined) s = plan.statements[k] = policy.fast.lazy!.compileAt(plan.indexes[k]!).matcher;
    flags = addRecord(flags, s.isAllow, matchStatement(s, req, bucket, hasBoundary, plan.actions[k]!));
    if (flags & DENIES) return flags;
  }
  return flags;
}

/**
 * The outcome bits for a prepared request whose resource has the bucket `bucket`. Stops at the
 * first Deny that applies or may apply (fail closed). The caller handles `policy.broken`.
 */
export function policyFlags(policy: CompiledPolicy, req: PreparedRequest, bucket: string, hasBoundary: boolean): number {
  const plan = planFor(policy, req.action);
  if (plan.unindexed) {
    if (plan.scanned || policy.fast.lazy === undefined) buildIndex(policy, plan);
    else {
      plan.scanned = true;
      return firstScan(policy, plan, req, bucket, hasBoundary);
    }
  }
  if (plan.byBucket === undefined) return scan(policy, plan.anyBucket, plan, req, bucket, hasBoundary, 0);
  const named = plan.byBucket.get(bucket);
  const flags = named === undefined ? 0 : scan(policy, named, plan, req, bucket, hasBoundary, 0);
  return flags & DENIES ? flags : scan(policy, plan.anyBucket, plan, req, bucket, hasBoundary, flags);
}

/** Every statement's record (for explanations), and the same outcome bits as `policyFlags`. */
export function policyRecords(
  policy: CompiledPolicy,
  req: PreparedRequest,
  bucket: string,
  hasBoundary: boolean,
): { records: number[]; flags: number } {
  const records: number[] = [];
  let flags = 0;
  for (const st of policy.statements) {
    const s = st.matcher;
    const rec = matchStatement(s, req, bucket, hasBoundary, actionTri(s, req.action));
    records.push(rec);
    flags = addRecord(flags, s.isAllow, rec);
  }
  return { records, flags };
}
