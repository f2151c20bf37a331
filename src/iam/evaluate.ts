/**
 * The decision procedure of iam-reference §3.1–3.2: explicit deny anywhere; every RCP and SCP level
 * must allow; the resource policy by how it names the caller; identity ∩ boundary ∩ session;
 * cross-account needs both sides. Anything not understood can only deny (never a false Allow).
 */
import { decideFast } from './evaluate-fast.js';
import { evaluatePolicy, type PolicyOutcome } from './policy-eval.js';
import { summarize } from './summary.js';
import type { CompiledPolicy, Decision, EvaluationResult, Explain, ExplainStep, PolicyExplain, PolicyKind, PolicySet, PreparedRequest } from './types.js';

export interface EvaluateOptions {
  /** Build the explanation (slower: every statement is examined). */
  explain?: boolean;
}

interface Run {
  req: PreparedRequest;
  hasBoundary: boolean;
  explain: Explain;
  broken: boolean;
  denyIndeterminate: boolean;
}

function run(r: Run, policy: CompiledPolicy, kind: PolicyKind, level?: string): PolicyOutcome {
  const collect: PolicyExplain = { name: policy.name, kind, file: policy.file, result: 'none', statements: [] };
  if (level !== undefined) collect.level = level;
  if (policy.location) collect.location = policy.location;
  r.explain.policies.push(collect);
  const o = evaluatePolicy(policy, r.req, { hasBoundary: r.hasBoundary }, collect);
  if (o.broken) r.broken = true;
  if (o.denyIndeterminate) r.denyIndeterminate = true;
  return o;
}

function step(r: Run, s: ExplainStep['step'], outcome: ExplainStep['outcome'], message: string): void {
  r.explain.steps.push({ step: s, outcome, message });
}

/** Evaluates a prepared request against a policy set. The hot-loop entry point. */
export function evaluate(set: PolicySet, req: PreparedRequest, opts?: EvaluateOptions): EvaluationResult {
  if (!opts?.explain) return { decision: decideFast(set, req) };
  const p = req.principal;
  const hasIdentitySide = p.kind !== 'anonymous' && p.kind !== 'service' && p.kind !== 'federated';
  const crossAccount = hasIdentitySide && p.account !== undefined && req.resourceAccount !== undefined && p.account !== req.resourceAccount;
  const explain: Explain = {
    decision: 'ImplicitDeny', summary: '', principal: { arn: p.arn, kind: p.kind, ...(p.account ? { account: p.account } : {}) },
    action: req.request.action, resource: req.resource, ...(req.resourceAccount ? { resourceAccount: req.resourceAccount } : {}),
    crossAccount, steps: [], policies: [], indeterminate: false, notes: [],
  };
  const r: Run = { req, hasBoundary: set.boundary !== undefined, explain, broken: false, denyIndeterminate: false };
  const finish = (decision: Decision, why: string): EvaluationResult => {
    if (decision === 'Allow' && r.broken) {
      decision = 'ImplicitDeny';
      why = 'a policy could not be read, so keycard cannot confirm the Allow';
      step(r, 'indeterminate', 'fail', why);
    }
    r.explain.decision = decision;
    r.explain.indeterminate = r.broken || r.denyIndeterminate || r.explain.policies.some((x) => x.statements.some((s) => s.indeterminate));
    if (r.denyIndeterminate) r.explain.notes.push('a Deny statement containing something keycard does not understand was applied (fail closed)');
    if (r.broken) r.explain.notes.push('a policy could not be read; no Allow can be confirmed');
    r.explain.summary = summarize(decision, why, r.explain);
    return { decision, explain: r.explain };
  };

  // 1. Evaluate every policy that applies; explicit deny anywhere wins.
  const scpLevels = hasIdentitySide ? set.scp : [];
  const outcomes = {
    scp: scpLevels.map((l) => l.policies.map((pol) => run(r, pol, 'scp', l.orgIdentifier))),
    rcp: set.rcp.map((l) => l.policies.map((pol) => run(r, pol, 'rcp', l.orgIdentifier))),
    resource: set.resource ? run(r, set.resource, set.resource.kind === 'trust' ? 'trust' : 'resource') : undefined,
    identity: hasIdentitySide ? set.identity.map((pol) => run(r, pol, 'identity')) : [],
    boundary: hasIdentitySide && set.boundary ? run(r, set.boundary, 'boundary') : undefined,
    session: hasIdentitySide ? set.session.map((pol) => run(r, pol, 'session')) : [],
  };
  const all = [...outcomes.scp.flat(), ...outcomes.rcp.flat(), ...(outcomes.resource ? [outcomes.resource] : []), ...outcomes.identity, ...(outcomes.boundary ? [outcomes.boundary] : []), ...outcomes.session];
  if (all.some((o) => o.deny)) {
    step(r, 'explicit-deny', 'deny', 'a Deny statement applies');
    return finish('ExplicitDeny', 'an explicit Deny applies');
  }
  step(r, 'explicit-deny', 'pass', 'no Deny statement applies');

  // 2. Organization policies: every level must allow.
  for (const [i, level] of set.rcp.entries()) {
    if (!outcomes.rcp[i]!.some((o) => o.allow)) {
      step(r, 'rcp', 'fail', `no resource control policy at \`${level.orgIdentifier}\` allows the request`);
      return finish('ImplicitDeny', `no RCP at \`${level.orgIdentifier}\` allows it`);
    }
    step(r, 'rcp', 'pass', `an RCP at \`${level.orgIdentifier}\` allows the request`);
  }
  for (const [i, level] of scpLevels.entries()) {
    if (!outcomes.scp[i]!.some((o) => o.allow)) {
      step(r, 'scp', 'fail', `no service control policy at \`${level.orgIdentifier}\` allows the request`);
      return finish('ImplicitDeny', `no SCP at \`${level.orgIdentifier}\` allows it`);
    }
    step(r, 'scp', 'pass', `an SCP at \`${level.orgIdentifier}\` allows the request`);
  }

  const grant = outcomes.resource?.allow ? outcomes.resource.grant ?? 'direct' : undefined;
  if (outcomes.resource) step(r, 'resource', grant ? 'allow' : 'skip', grant ? `the resource policy allows it (names the caller as ${grantText(grant)})` : 'the resource policy does not allow it');

  // 3. Principals without identity policies (anonymous, identity providers, services): the resource policy decides.
  if (!hasIdentitySide) {
    return grant ? finish('Allow', 'the resource policy allows it') : finish('ImplicitDeny', 'no resource policy statement allows this principal');
  }

  const identityAllow = outcomes.identity.some((o) => o.allow);
  const boundaryOk = !outcomes.boundary || outcomes.boundary.allow;
  const sessionOk = sessionAllows(p.kind, outcomes.session);
  step(r, 'identity', identityAllow ? 'allow' : 'fail', identityAllow ? 'an identity-based policy allows it' : 'no identity-based policy allows it');
  if (outcomes.boundary) step(r, 'boundary', boundaryOk ? 'pass' : 'fail', boundaryOk ? 'the permissions boundary allows it' : 'the permissions boundary does not allow it');
  if (p.kind === 'role-session' || p.kind === 'federated-user') {
    step(r, 'session', sessionOk ? 'pass' : 'fail', outcomes.session.length === 0 ? (sessionOk ? 'no session policy limits the session' : 'a federated-user session without a session policy has no permissions') : sessionOk ? 'a session policy allows it' : 'no session policy allows it');
  }
  const principalSide = identityAllow && boundaryOk && sessionOk;

  if (crossAccount) {
    step(r, 'cross-account', 'info', `the principal's account \`${p.account}\` differs from the resource's \`${req.resourceAccount}\`: both must allow`);
    if (!grant) return finish('ImplicitDeny', 'cross-account access needs the resource policy to allow it, and it does not');
    if (!principalSide) return finish('ImplicitDeny', `cross-account access needs the principal's own policies to allow it: ${whyNot(identityAllow, boundaryOk, sessionOk)}`);
    return finish('Allow', 'both the resource policy and the principal\'s policies allow it');
  }
  if (grant === 'direct') return finish('Allow', 'the resource policy grants it to the caller directly (not limited by identity, boundary or session policies)');
  if (grant === 'role' && boundaryOk && sessionOk) return finish('Allow', 'the resource policy grants it to the role (limited only by boundary and session policies, which allow it)');
  if (principalSide) return finish('Allow', 'identity-based policies allow it' + (outcomes.boundary ? ', within the boundary' : '') + (outcomes.session.length ? ', within the session policy' : ''));
  if (grant === 'role') return finish('ImplicitDeny', `the resource policy names the role, but ${whyNot(true, boundaryOk, sessionOk)}`);
  return finish('ImplicitDeny', whyNot(identityAllow, boundaryOk, sessionOk));
}

function sessionAllows(kind: string, session: PolicyOutcome[]): boolean {
  if (kind !== 'role-session' && kind !== 'federated-user') return true;
  if (session.length === 0) return kind === 'role-session';
  return session.some((o) => o.allow);
}

function grantText(g: string): string {
  return g === 'direct' ? 'itself (session, user or `*`)' : g === 'role' ? 'its role' : 'its account';
}

function whyNot(identity: boolean, boundary: boolean, session: boolean): string {
  if (!identity) return 'no policy allows it';
  if (!boundary) return 'the permissions boundary does not allow it';
  if (!session) return 'the session policy does not allow it';
  return 'no policy allows it';
}
