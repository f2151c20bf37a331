/** Evaluates one compiled policy for a request: did it allow (and how), did it deny. */
import { actionMatches, matchStatement, type MatchEnv, type MatchOut } from './statement-match.js';
import { NO, UNKNOWN, YES, type CompiledPolicy, type CompiledStatement, type GrantKind, type PolicyExplain, type PreparedRequest } from './types.js';

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

const INDEX_LIMIT = 10_000;
const GRANT_RANK: Record<GrantKind, number> = { direct: 3, role: 2, account: 1 };

/** Statements whose Action/NotAction may cover the action (cached per policy and action). */
function candidates(policy: CompiledPolicy, action: string): CompiledStatement[] {
  let list = policy.actionIndex.get(action);
  if (list === undefined) {
    if (policy.actionIndex.size >= INDEX_LIMIT) policy.actionIndex.clear();
    list = policy.statements.filter((st) => actionMatches(st, action) !== NO);
    policy.actionIndex.set(action, list);
  }
  return list;
}

const scratch: MatchOut = {};

/**
 * Evaluates a policy. With `collect`, every statement is examined and explained; without it only
 * the statements indexed for the action, stopping early once a Deny applies.
 */
export function evaluatePolicy(policy: CompiledPolicy, req: PreparedRequest, env: MatchEnv, collect?: PolicyExplain): PolicyOutcome {
  const outcome: PolicyOutcome = { allow: false, deny: false, denyIndeterminate: false, broken: policy.broken !== undefined };
  const statements = collect ? policy.statements : candidates(policy, req.action);
  const out: MatchOut = collect ? {} : scratch;
  for (const st of statements) {
    const r = matchStatement(st, req, env, out, collect !== undefined, collect === undefined);
    const isAllow = st.effect === 'Allow';
    if (r === YES && isAllow) {
      outcome.allow = true;
      if (out.grant && (!outcome.grant || GRANT_RANK[out.grant] > GRANT_RANK[outcome.grant])) outcome.grant = out.grant;
    } else if ((r === YES || r === UNKNOWN) && !isAllow) {
      outcome.deny = true;
      if (r === UNKNOWN) outcome.denyIndeterminate = true;
      if (!collect) return outcome;
    }
    if (collect) {
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
  }
  if (collect) {
    collect.result = outcome.deny ? 'deny' : outcome.allow ? 'allow' : 'none';
    if (policy.broken) collect.broken = policy.broken;
  }
  return outcome;
}
