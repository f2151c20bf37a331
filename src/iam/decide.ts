/**
 * The decision procedure of iam-reference §3.1–3.2, as one pure function of the per-policy
 * outcome bits (src/iam/fast/policy-fast.ts). The hot loop and the explanation both call it.
 *
 * - An explicit Deny anywhere wins.
 * - Every SCP level must allow. RCPs only deny: RCPFullAWSAccess is attached to the root, every
 *   OU and every account and cannot be detached, and "the effect of Allow is only supported for
 *   the RCPFullAWSAccess policy", so a level never denies by a missing Allow.
 * - `kms:*` and `sts:AssumeRole*` need the key or trust policy to allow ("IAM role trust policies
 *   and KMS key policies ... must explicitly allow access for principals"); a grant to the account
 *   root delegates to the IAM policies.
 * - The account root user has full access in its own account ("all requests are implicitly denied
 *   with the exception of the AWS account root user"), still subject to Denies, SCPs and RCPs.
 * - The resource policy by how it names the caller; identity ∩ boundary ∩ session; cross-account
 *   needs both sides. A policy that could not be read blocks every Allow.
 *
 * Unresolved values (MAY_ALLOW/MAY_DENY) are read in one of two views: LOW (possible Denies apply,
 * possible Allows do not) and HIGH (the reverse). The decision is monotone in each statement, so
 * when both views agree, every resolution agrees; otherwise the decision is Unknown.
 */
import { ALLOWS, DENIES, MAY_ALLOW, MAY_DENY, MAY_RANK, RANK } from './fast/policy-fast.js';
import type { CompiledPolicy, Decision, PolicySet, PrincipalInfo } from './types.js';

export const LOW = 0;
export const HIGH = 1;

/** Why a decision was taken: one code per outcome, with its decision and words. */
export const VERDICTS = [
  { code: 'explicit-deny', decision: 'ExplicitDeny', text: 'an explicit Deny applies' },
  { code: 'scp', decision: 'ImplicitDeny', text: 'a service control policy level does not allow it' },
  {
    code: 'explicit-allow-required',
    decision: 'ImplicitDeny',
    text: 'KMS key policies and role trust policies must allow the request explicitly, and none does',
  },
  {
    code: 'cross-account-resource',
    decision: 'ImplicitDeny',
    text: 'cross-account access needs the resource policy to allow it, and it does not',
  },
  {
    code: 'cross-account-principal',
    decision: 'ImplicitDeny',
    text: "cross-account access needs the principal's own policies to allow it, and they do not",
  },
  { code: 'cross-account', decision: 'Allow', text: "both the resource policy and the principal's policies allow it" },
  {
    code: 'resource-direct',
    decision: 'Allow',
    text: 'the resource policy grants it to the caller directly (not limited by identity, boundary or session policies)',
  },
  {
    code: 'resource-role',
    decision: 'Allow',
    text: 'the resource policy grants it to the role (limited only by boundary and session policies, which allow it)',
  },
  { code: 'root', decision: 'Allow', text: 'the account root user has full access within its own account' },
  { code: 'identity', decision: 'Allow', text: 'identity-based policies allow it' },
  { code: 'resource-only', decision: 'Allow', text: 'the resource policy allows it' },
  { code: 'no-allow', decision: 'ImplicitDeny', text: 'no policy allows it' },
  { code: 'boundary', decision: 'ImplicitDeny', text: 'the permissions boundary does not allow it' },
  { code: 'session', decision: 'ImplicitDeny', text: 'the session policy does not allow it' },
  { code: 'broken', decision: 'ImplicitDeny', text: 'a policy could not be read, so keycard cannot confirm the Allow' },
] as const satisfies readonly { code: string; decision: Decision; text: string }[];
export type Verdict = (typeof VERDICTS)[number];

const V = Object.fromEntries(VERDICTS.map((v, i) => [v.code, i])) as Record<Verdict['code'], number>;
const DIRECT = 3;
const ROLE = 2;

/** The request facts the procedure needs beyond the policies. */
export interface DecideRequest {
  principal: PrincipalInfo;
  /** Lowercase action. */
  action: string;
  resourceAccount?: string;
}

export type FlagsOf = (policy: CompiledPolicy) => number;

/** The caller has an identity side (IAM user, role, session, account); not anonymous, service or IdP. */
export function hasIdentitySide(p: PrincipalInfo): boolean {
  return p.kind !== 'anonymous' && p.kind !== 'service' && p.kind !== 'federated';
}

export function isCrossAccount(p: PrincipalInfo, resourceAccount: string | undefined): boolean {
  return hasIdentitySide(p) && p.account !== undefined && resourceAccount !== undefined && p.account !== resourceAccount;
}

/** KMS key policies and role trust policies must allow explicitly (IAM User Guide, policy evaluation logic). */
export function needsExplicitAllow(action: string): boolean {
  return action.startsWith('kms:') || action.startsWith('sts:assumerole');
}

function allows(f: number, view: number): boolean {
  return (f & (view === HIGH ? ALLOWS | MAY_ALLOW : ALLOWS)) !== 0;
}

function denies(f: number, view: number): boolean {
  return (f & (view === HIGH ? DENIES : DENIES | MAY_DENY)) !== 0;
}

function rankOf(f: number, view: number): number {
  const sure = allows(f, LOW) ? (f >> RANK) & 3 || DIRECT : 0;
  if (view !== HIGH || !(f & MAY_ALLOW)) return sure;
  return Math.max(sure, (f >> MAY_RANK) & 3);
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

/** The verdict (an index into VERDICTS) for a policy set, reading each policy's outcome through `flagsOf`. */
export function decide(set: PolicySet, req: DecideRequest, flagsOf: FlagsOf, view: number): number {
  const p = req.principal;
  const identitySide = hasIdentitySide(p);
  // 1. Every policy that applies; an explicit Deny anywhere wins.
  let scpOk = true;
  if (identitySide) {
    for (const level of set.scp) {
      let any = false;
      for (const pol of level.policies) {
        const f = flagsOf(pol);
        if (denies(f, view)) return V['explicit-deny'];
        if (allows(f, view)) any = true;
      }
      if (!any) scpOk = false;
    }
  }
  for (const level of set.rcp) for (const pol of level.policies) if (denies(flagsOf(pol), view)) return V['explicit-deny'];
  let grant = 0;
  if (set.resource) {
    const f = flagsOf(set.resource);
    if (denies(f, view)) return V['explicit-deny'];
    grant = rankOf(f, view);
  }
  let identityAllow = false;
  let boundaryOk = true;
  let sessionOk = true;
  if (identitySide) {
    for (const pol of set.identity) {
      const f = flagsOf(pol);
      if (denies(f, view)) return V['explicit-deny'];
      if (allows(f, view)) identityAllow = true;
    }
    if (set.boundary) {
      const f = flagsOf(set.boundary);
      if (denies(f, view)) return V['explicit-deny'];
      boundaryOk = allows(f, view);
    }
    // Session policies limit only sessions, but their Deny applies to any caller.
    let sessionAllow = false;
    for (const pol of set.session) {
      const f = flagsOf(pol);
      if (denies(f, view)) return V['explicit-deny'];
      if (allows(f, view)) sessionAllow = true;
    }
    if (p.kind === 'role-session' || p.kind === 'federated-user')
      sessionOk = set.session.length === 0 ? p.kind === 'role-session' : sessionAllow;
  }
  // 2. Organization policies: every SCP level must allow.
  if (!scpOk) return V.scp;
  const verdict = grantVerdict(req, identitySide, grant, identityAllow, boundaryOk, sessionOk);
  return VERDICTS[verdict]!.decision === 'Allow' && anyBroken(set, identitySide) ? V.broken : verdict;
}

function grantVerdict(
  req: DecideRequest,
  identitySide: boolean,
  grant: number,
  identityAllow: boolean,
  boundaryOk: boolean,
  sessionOk: boolean,
): number {
  const p = req.principal;
  if (needsExplicitAllow(req.action) && grant === 0) return V['explicit-allow-required'];
  if (!identitySide) return grant !== 0 ? V['resource-only'] : V['no-allow'];
  const crossAccount = isCrossAccount(p, req.resourceAccount);
  const root = p.kind === 'account'; // the root user's own account allows everything on its side
  const principalSide = (identityAllow || root) && boundaryOk && sessionOk;
  if (crossAccount) {
    if (grant === 0) return V['cross-account-resource'];
    return principalSide ? V['cross-account'] : V['cross-account-principal'];
  }
  if (grant === DIRECT) return V['resource-direct'];
  if (grant === ROLE && boundaryOk && sessionOk) return V['resource-role'];
  if (principalSide) return root && !identityAllow ? V.root : V.identity;
  if (!identityAllow && !root) return V['no-allow'];
  if (!boundaryOk) return V.boundary;
  return V.session;
}

/** The decision for a policy set: both views, Unknown when they disagree. `seen` ORs every flag read. */
export function decideAll(
  set: PolicySet,
  req: DecideRequest,
  flagsOf: FlagsOf,
  maybeSeen: () => boolean,
): { low: number; high: number; decision: Decision } {
  const low = decide(set, req, flagsOf, LOW);
  if (!maybeSeen()) return { low, high: low, decision: VERDICTS[low]!.decision };
  const high = decide(set, req, flagsOf, HIGH);
  const a = VERDICTS[low]!.decision;
  return { low, high, decision: a === VERDICTS[high]!.decision ? a : 'Unknown' };
}
