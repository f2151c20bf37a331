/**
 * The hot-loop form of `evaluate` without an explanation: the same decision procedure on the
 * compiled fast form of each policy (src/iam/fast), with no allocation and no closures, stopping
 * at the first Deny. Tests check that it agrees with the explaining path on the corpus, the
 * fixtures and random policy sets and requests (test/iam/fast-path.test.ts).
 */
import { bucketOf } from './fast/intern.js';
import { ALLOWS, DENIES, GRANT_SHIFT, policyFlags } from './fast/policy-fast.js';
import type { Decision, PolicySet, PreparedRequest } from './types.js';

const DIRECT = 3;
const ROLE = 2;

/** Every level must have a policy that allows; -1 when a Deny applies, 1 when all levels allow. */
function levelsAllow(levels: PolicySet['scp'], req: PreparedRequest, bucket: string, hasBoundary: boolean): number {
  let all = 1;
  for (let l = 0; l < levels.length; l++) {
    const policies = levels[l]!.policies;
    let any = false;
    for (let i = 0; i < policies.length; i++) {
      const f = policyFlags(policies[i]!, req, bucket, hasBoundary);
      if (f & DENIES) return -1;
      if (f & ALLOWS) any = true;
    }
    if (!any) all = 0;
  }
  return all;
}

/** Whether some policy of the list allows; -1 when a Deny applies. */
function anyAllows(list: PolicySet['identity'], req: PreparedRequest, bucket: string, hasBoundary: boolean): number {
  let any = 0;
  for (let i = 0; i < list.length; i++) {
    const f = policyFlags(list[i]!, req, bucket, hasBoundary);
    if (f & DENIES) return -1;
    if (f & ALLOWS) any = 1;
  }
  return any;
}

function anyBroken(set: PolicySet, identitySide: boolean): boolean {
  if (set.resource?.broken !== undefined) return true;
  for (const level of set.rcp) for (const p of level.policies) if (p.broken !== undefined) return true;
  if (!identitySide) return false;
  for (const level of set.scp) for (const p of level.policies) if (p.broken !== undefined) return true;
  for (const p of set.identity) if (p.broken !== undefined) return true;
  if (set.boundary?.broken !== undefined) return true;
  for (const p of set.session) if (p.broken !== undefined) return true;
  return false;
}

export function decideFast(set: PolicySet, req: PreparedRequest): Decision {
  const p = req.principal;
  const hasBoundary = set.boundary !== undefined;
  const bucket = req.resourceBucket ?? bucketOf(req.resource);
  const identitySide = p.kind !== 'anonymous' && p.kind !== 'service' && p.kind !== 'federated';

  const scp = identitySide ? levelsAllow(set.scp, req, bucket, hasBoundary) : 1;
  if (scp < 0) return 'ExplicitDeny';
  const rcp = levelsAllow(set.rcp, req, bucket, hasBoundary);
  if (rcp < 0) return 'ExplicitDeny';
  let grant = 0;
  if (set.resource) {
    const f = policyFlags(set.resource, req, bucket, hasBoundary);
    if (f & DENIES) return 'ExplicitDeny';
    if (f & ALLOWS) grant = f >> GRANT_SHIFT || DIRECT;
  }
  let identityAllow = false;
  let boundaryOk = true;
  let sessionOk = true;
  if (identitySide) {
    const identity = anyAllows(set.identity, req, bucket, hasBoundary);
    if (identity < 0) return 'ExplicitDeny';
    identityAllow = identity === 1;
    if (set.boundary) {
      const f = policyFlags(set.boundary, req, bucket, hasBoundary);
      if (f & DENIES) return 'ExplicitDeny';
      boundaryOk = (f & ALLOWS) !== 0;
    }
    // Session policies limit only sessions, but their Deny applies to any caller (as when explaining).
    const session = anyAllows(set.session, req, bucket, hasBoundary);
    if (session < 0) return 'ExplicitDeny';
    if (p.kind === 'role-session' || p.kind === 'federated-user') sessionOk = set.session.length === 0 ? p.kind === 'role-session' : session === 1;
  }
  if (rcp === 0 || scp === 0) return 'ImplicitDeny';
  let allowed: boolean;
  if (!identitySide) allowed = grant !== 0;
  else {
    const principalSide = identityAllow && boundaryOk && sessionOk;
    const crossAccount = p.account !== undefined && req.resourceAccount !== undefined && p.account !== req.resourceAccount;
    if (crossAccount) allowed = grant !== 0 && principalSide;
    else allowed = grant === DIRECT || (grant === ROLE && boundaryOk && sessionOk) || principalSide;
  }
  // A policy that could not be read blocks every Allow.
  return allowed && !anyBroken(set, identitySide) ? 'Allow' : 'ImplicitDeny';
}
