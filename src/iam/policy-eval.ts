/** Evaluates one compiled policy for a request: did it allow (and how), did it deny. */
import { matchStatement, type MatchEnv, type MatchOut } from './statement-match.js';
import { NO, UNKNOWN, YES, type CompiledPolicy, type GrantKind, type PolicyExplain, type PreparedRequest } from './types.js';

export interface PolicyOutcome {
  allow: boolean;
  /** Strongest grant among matching Allow statements (resource-based policies only). */
  grant?: GrantKind;
  deny: boolean;
  /** A Deny applied only because part of it is not understood (fail closed). */
  denyIndeterminate: boolean;
  /** The document could not be read: it must block every Allow. */
  broken: boolean;
}

const GRANT_RANK: Record<GrantKind, number> = { direct: 3, role: 2, account: 1 };

/**
 * Evaluates a policy and explains every statement into `collect`. This is the explaining path;
 * the hot path without explanations is fast/ (evaluate-fast.ts), tested to agree with this one.
 */
export function evaluatePolicy(policy: CompiledPolicy, req: PreparedRequest, env: MatchEnv, collect: PolicyExplain): PolicyOutcome {
  const outcome: PolicyOutcome = { allow: false, deny: false, denyIndeterminate: false, broken: policy.broken !== undefined };
  const out: MatchOut = {};
  for (const st of policy.statements) {
    const r = matchStatement(st, req, env, out, true, false);
    const isAllow = st.effect === 'Allow';
    if (r === YES && isAllow) {
      outcome.allow = true;
      if (out.grant && (!outcome.grant || GRANT_RANK[out.grant] > GRANT_RANK[outcome.grant])) outcome.grant = out.grant;
    } else if ((r === YES || r === UNKNOWN) && !isAllow) {
      outcome.deny = true;
      if (r === UNKNOWN) outcome.denyIndeterminate = true;
    }
    const matched = isAllow ? r === YES : r !== NO;
    collect.statements.push({
      policy: policy.name,
      kind: policy.kind,
      index: st.index,
      ...(st.sid !== undefined ? { sid: st.sid } : {}),
      effect: st.effect ?? 'Invalid',
      matched,
      ...(r === UNKNOWN ? { indeterminate: true } : {}),
      ...(!matched || r === UNKNOWN ? { reason: out.reason ?? (isAllow ? 'part of the statement is not understood, so it cannot grant' : undefined) } : {}),
      ...(matched && out.grant && isAllow ? { grant: out.grant } : {}),
      ...(st.location ? { location: st.location } : {}),
    });
  }
  collect.result = outcome.deny ? 'deny' : outcome.allow ? 'allow' : 'none';
  if (policy.broken) collect.broken = policy.broken;
  return outcome;
}
