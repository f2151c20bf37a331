/**
 * The hot-loop form of `evaluate` without an explanation: the same decision procedure with no
 * allocation beyond the per-policy outcome, stopping at the first Deny. A test checks that it
 * agrees with the explaining path on every corpus and fixture document.
 */
import { evaluatePolicy } from './policy-eval.js';
import type { CompiledPolicy, Decision, GrantKind, PolicySet, PreparedRequest } from './types.js';

export function decideFast(set: PolicySet, req: PreparedRequest): Decision {
  const p = req.principal;
  const env = { hasBoundary: set.boundary !== undefined };
  const hasIdentitySide = p.kind !== 'anonymous' && p.kind !== 'service' && p.kind !== 'federated';
  let broken = false;
  let denied = false;
  // Returns whether the policy allows; records a Deny or an unreadable policy.
  const run = (policy: CompiledPolicy): boolean => {
    const o = evaluatePolicy(policy, req, env);
    if (o.broken) broken = true;
    if (o.deny) denied = true;
    return o.allow;
  };
  const levelsAllow = (levels: PolicySet['scp']): boolean => {
    let all = true;
    for (const level of levels) {
      let any = false;
      for (const pol of level.policies) if (run(pol)) any = true;
      if (denied) return false;
      if (!any) all = false;
    }
    return all;
  };
  const scpOk = hasIdentitySide ? levelsAllow(set.scp) : true;
  if (denied) return 'ExplicitDeny';
  const rcpOk = levelsAllow(set.rcp);
  if (denied) return 'ExplicitDeny';
  let grant: GrantKind | undefined;
  if (set.resource) {
    const o = evaluatePolicy(set.resource, req, env);
    if (o.deny) return 'ExplicitDeny';
    if (o.broken) broken = true;
    if (o.allow) grant = o.grant ?? 'direct';
  }
  let identityAllow = false;
  let boundaryOk = true;
  let sessionOk = true;
  if (hasIdentitySide) {
    for (const pol of set.identity) {
      if (run(pol)) identityAllow = true;
      if (denied) return 'ExplicitDeny';
    }
    if (set.boundary) {
      boundaryOk = run(set.boundary);
      if (denied) return 'ExplicitDeny';
    }
    if (p.kind === 'role-session' || p.kind === 'federated-user') {
      if (set.session.length === 0) sessionOk = p.kind === 'role-session';
      else {
        sessionOk = false;
        for (const pol of set.session) {
          if (run(pol)) sessionOk = true;
          if (denied) return 'ExplicitDeny';
        }
      }
    }
  }
  const allow = (): Decision => (broken ? 'ImplicitDeny' : 'Allow');
  if (!rcpOk || !scpOk) return 'ImplicitDeny';
  if (!hasIdentitySide) return grant ? allow() : 'ImplicitDeny';
  const principalSide = identityAllow && boundaryOk && sessionOk;
  const crossAccount = p.account !== undefined && req.resourceAccount !== undefined && p.account !== req.resourceAccount;
  if (crossAccount) return grant && principalSide ? allow() : 'ImplicitDeny';
  if (grant === 'direct') return allow();
  if (grant === 'role' && boundaryOk && sessionOk) return allow();
  return principalSide ? allow() : 'ImplicitDeny';
}

