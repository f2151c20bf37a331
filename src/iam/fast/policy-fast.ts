/**
 * One policy in the hot loop: the statements that can apply to an action (indexed once per
 * action), narrowed by bucket when there are many, evaluated into a few bits with no allocation.
 */
import { actionMatches } from '../statement-match.js';
import { NO, YES, type CompiledPolicy, type PreparedRequest } from '../types.js';
import { compileFastStatement, matchFast, RANK_SHIFT, type FastStatement } from './statement-fast.js';

/** Outcome bits of `policyFlags`; the strongest grant rank of the matching Allows sits above them. */
export const ALLOWS = 1;
export const DENIES = 2;
export const GRANT_SHIFT = 2;

/** Below this many candidates a bucket index costs more than it saves. */
const BUCKET_INDEX_MIN = 8;
const ACTIONS_LIMIT = 10_000;

interface ActionPlan {
  statements: FastStatement[];
  /** Candidates by the request's bucket (`bucketOf`); undefined when there are few. */
  byBucket: Map<string, FastStatement[]> | undefined;
  /** Candidates for a bucket no statement names: those that may match any resource. */
  anyBucket: FastStatement[];
}

export interface FastPolicy {
  statements: FastStatement[];
  byAction: Map<string, ActionPlan>;
}

function fastPolicy(policy: CompiledPolicy): FastPolicy {
  let f = policy.fast;
  if (f === undefined) policy.fast = f = { statements: policy.statements.map(compileFastStatement), byAction: new Map() };
  return f;
}

/** The buckets a statement can match (see FastResource.bucket), or undefined when it may match any. */
function bucketsOf(s: FastStatement): Set<string> | undefined {
  if (s.resources === undefined || s.notResource || s.unclearResource) return undefined;
  const out = new Set<string>();
  for (const r of s.resources) {
    if (r.bucket === undefined) return undefined;
    out.add(r.bucket);
  }
  return out;
}

function planFor(policy: CompiledPolicy, action: string): ActionPlan {
  const f = fastPolicy(policy);
  let plan = f.byAction.get(action);
  if (plan !== undefined) return plan;
  if (f.byAction.size >= ACTIONS_LIMIT) f.byAction.clear();
  const statements = f.statements.filter((_, i) => actionMatches(policy.statements[i]!, action) !== NO);
  plan = { statements, byBucket: undefined, anyBucket: statements };
  if (statements.length >= BUCKET_INDEX_MIN) {
    const keys = statements.map(bucketsOf);
    const all = new Set<string>();
    for (const k of keys) if (k) for (const b of k) all.add(b);
    plan.anyBucket = statements.filter((_, i) => keys[i] === undefined);
    plan.byBucket = new Map();
    for (const b of all) plan.byBucket.set(b, statements.filter((_, i) => keys[i] === undefined || keys[i]!.has(b)));
  }
  f.byAction.set(action, plan);
  return plan;
}

/**
 * ALLOWS and/or DENIES (with the grant rank) for a prepared request whose resource has the bucket
 * `bucket`. Stops at the first Deny that applies or may apply. The caller handles `policy.broken`.
 */
export function policyFlags(policy: CompiledPolicy, req: PreparedRequest, bucket: string, hasBoundary: boolean): number {
  const plan = planFor(policy, req.action);
  const list = plan.byBucket === undefined ? plan.statements : plan.byBucket.get(bucket) ?? plan.anyBucket;
  let flags = 0;
  let rank = 0;
  for (let i = 0; i < list.length; i++) {
    const s = list[i]!;
    const m = matchFast(s, req, bucket, hasBoundary);
    if (m === NO) continue;
    if (s.isAllow) {
      if ((m & 3) === YES) {
        flags |= ALLOWS;
        const r = m >> RANK_SHIFT;
        if (r > rank) rank = r;
      }
    } else {
      return DENIES; // a Deny that applies, or contains something not understood (fail closed)
    }
  }
  return flags | (rank << GRANT_SHIFT);
}


