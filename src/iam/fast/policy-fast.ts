/**
 * One policy: its statements' records folded into a few outcome bits. The hot loop looks only at
 * the statements that can apply to the action (indexed once per action, narrowed by bucket when
 * there are many) and stops at the first Deny; the explanation matches every statement. Both fold
 * records with `addRecord`, so they cannot disagree.
 */
import { DEPENDS, NO, UNKNOWN, YES, type CompiledPolicy, type PreparedRequest } from '../types.js';
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
  statements: FastStatement[];
  /** The Action result of each candidate (YES, UNKNOWN or DEPENDS). */
  actions: number[];
  /** Candidates that name the bucket (`bucketOf`); undefined when there are few candidates. */
  byBucket: Map<string, number[]> | undefined;
  /** Candidates that may match any bucket (checked for every request as well as byBucket's). */
  anyBucket: number[];
}

/** A cache owned by the compiled policy: the candidate statements per action. */
export interface FastPolicy {
  byAction: Map<string, ActionPlan>;
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

/** Builds the plan in one pass over the statements (linear, not buckets × statements). */
function planFor(policy: CompiledPolicy, action: string): ActionPlan {
  const f = policy.fast;
  let plan = f.byAction.get(action);
  if (plan !== undefined) return plan;
  if (f.byAction.size >= ACTIONS_LIMIT) f.byAction.clear();
  const statements: FastStatement[] = [];
  const actions: number[] = [];
  for (const st of policy.statements) {
    const a = actionTri(st.matcher, action);
    if (a === NO) continue;
    statements.push(st.matcher);
    actions.push(a);
  }
  const all = statements.map((_, i) => i);
  plan = { statements, actions, byBucket: undefined, anyBucket: all };
  if (statements.length >= BUCKET_INDEX_MIN) {
    const byBucket = new Map<string, number[]>();
    const anyBucket: number[] = [];
    statements.forEach((s, i) => {
      const buckets = bucketsOf(s);
      if (buckets === undefined) return void anyBucket.push(i);
      for (const b of buckets) {
        const list = byBucket.get(b);
        if (list) list.push(i);
        else byBucket.set(b, [i]);
      }
    });
    plan.byBucket = byBucket;
    plan.anyBucket = anyBucket;
  }
  f.byAction.set(action, plan);
  return plan;
}

/** Folds one statement's record into the policy's outcome bits. */
function addRecord(flags: number, isAllow: boolean, rec: number): number {
  const tri = rec & 3;
  if (tri === NO) return flags;
  const rank = (rec >> RANK_SHIFT) & 3;
  if (isAllow) {
    if (tri === YES) return (flags | ALLOWS) | (Math.max((flags >> RANK) & 3, rank) << RANK);
    if (tri === DEPENDS) return (flags | MAY_ALLOW) | (Math.max((flags >> MAY_RANK) & 3, rank || 3) << MAY_RANK);
    return flags; // a statement not understood never grants
  }
  // A Deny (or an invalid Effect) that applies, or contains something not understood (fail closed).
  if (tri === YES || tri === UNKNOWN) return flags | DENIES;
  return flags | MAY_DENY;
}

function scan(policy: CompiledPolicy, list: readonly number[], plan: ActionPlan, req: PreparedRequest, bucket: string, hasBoundary: boolean, flags: number): number {
  for (let i = 0; i < list.length; i++) {
    const k = list[i]!;
    const s = plan.statements[k]!;
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
  if (plan.byBucket === undefined) return scan(policy, plan.anyBucket, plan, req, bucket, hasBoundary, 0);
  const named = plan.byBucket.get(bucket);
  const flags = named === undefined ? 0 : scan(policy, named, plan, req, bucket, hasBoundary, 0);
  return flags & DENIES ? flags : scan(policy, plan.anyBucket, plan, req, bucket, hasBoundary, flags);
}

/** Every statement's record (for explanations), and the same outcome bits as `policyFlags`. */
export function policyRecords(policy: CompiledPolicy, req: PreparedRequest, bucket: string, hasBoundary: boolean): { records: number[]; flags: number } {
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
