/**
 * Evaluation: the one path. Each policy's statements are matched by the compiled matcher
 * (fast/statement-fast.ts) into records, folded into outcome bits (fast/policy-fast.ts), and one
 * pure function turns those into the decision (decide.ts). Without an explanation only the
 * statements that can apply are matched; with one, every statement is, and the explanation is a
 * rendering of the same records (explain.ts), so the two cannot disagree.
 */
import { decide, decideAll, HIGH, LOW, VERDICTS, type FlagsOf } from './decide.js';
import { buildExplain, type PolicyRecords } from './explain.js';
import { bucketOf } from './fast/intern.js';
import { MAYBE, policyFlags, policyRecords } from './fast/policy-fast.js';
import type { CompiledPolicy, EvaluationResult, PolicySet, PreparedRequest } from './types.js';

export interface EvaluateOptions {
  /** Build the explanation (slower: every statement is examined). */
  explain?: boolean;
}

// The hot loop's view of one evaluation, kept in module state so that reading a policy's outcome
// allocates nothing (evaluation is synchronous and never re-entered from inside).
let hotReq: PreparedRequest;
let hotBucket = '';
let hotBoundary = false;
let hotSeen = 0;
function hotFlags(p: CompiledPolicy): number {
  const f = policyFlags(p, hotReq, hotBucket, hotBoundary);
  hotSeen |= f;
  return f;
}

/** Evaluates a prepared request against a policy set. The hot-loop entry point. */
export function evaluate(set: PolicySet, req: PreparedRequest, opts?: EvaluateOptions): EvaluationResult {
  const bucket = req.resourceBucket ?? bucketOf(req.resource);
  const hasBoundary = set.boundary !== undefined;
  if (!opts?.explain) {
    hotReq = req;
    hotBucket = bucket;
    hotBoundary = hasBoundary;
    hotSeen = 0;
    const low = decide(set, req, hotFlags, LOW);
    if ((hotSeen & MAYBE) === 0) return { decision: VERDICTS[low]!.decision };
    hotSeen = 0;
    const high = decide(set, req, hotFlags, HIGH);
    // Unknown is rare: its names come from the explanation.
    if (VERDICTS[low]!.decision === VERDICTS[high]!.decision) return { decision: VERDICTS[low]!.decision };
    return explained(set, req, bucket, hasBoundary, false);
  }
  return explained(set, req, bucket, hasBoundary, true);
}

function explained(set: PolicySet, req: PreparedRequest, bucket: string, hasBoundary: boolean, keep: boolean): EvaluationResult {
  const records = new Map<CompiledPolicy, PolicyRecords>();
  let seen = 0;
  const recordsOf = (p: CompiledPolicy): PolicyRecords => {
    let r = records.get(p);
    if (r === undefined) records.set(p, (r = policyRecords(p, req, bucket, hasBoundary)));
    return r;
  };
  const flagsOf: FlagsOf = (p) => {
    const f = recordsOf(p).flags;
    seen |= f;
    return f;
  };
  const result = decideAll(set, req, flagsOf, () => (seen & MAYBE) !== 0);
  const explain = buildExplain(set, req, recordsOf, result.decision, VERDICTS[result.low]!, VERDICTS[result.high]!);
  return {
    decision: result.decision,
    ...(explain.unresolved ? { unresolved: explain.unresolved } : {}),
    ...(keep ? { explain } : {}),
  };
}
