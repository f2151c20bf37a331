/**
 * The explanation of a decision: a rendering of the statement records and the verdict that
 * `evaluate` computed. Nothing here decides anything; reasons are data (`failedOn`,
 * `conditionIndex`, step codes) with words added for people.
 */
import { formatLocation } from '../diagnostics/diagnostic.js';
import { describeConditionFailure } from './conditions.js';
import { hasIdentitySide, isCrossAccount, needsExplicitAllow, type Verdict } from './decide.js';
import { ALLOWS, DENIES, MAY_ALLOW, MAY_DENY } from './fast/policy-fast.js';
import { readRecord } from './fast/statement-fast.js';
import { showPattern } from './glob.js';
import { GRANT_BY_RANK } from './principal.js';
import { summarize } from './summary.js';
import {
  DEPENDS,
  UNKNOWN,
  YES,
  type CompiledPolicy,
  type CompiledStatement,
  type Decision,
  type Explain,
  type ExplainStep,
  type PolicyExplain,
  type PolicyKind,
  type PolicySet,
  type PreparedRequest,
  type StatementExplain,
} from './types.js';
import { resolveTemplate } from './variables.js';
import { showUnresolved } from '../model/unresolved.js';

export interface PolicyRecords {
  records: number[];
  flags: number;
}

/** A statement that covers the action but did not apply because of its resource, principal or conditions. */
export function isNearMiss(s: StatementExplain): boolean {
  return !s.matched && s.failedOn !== undefined && s.failedOn !== 'action';
}

// Static parts of the words, made once per statement (explaining a large policy names every statement).
const actionWords = new WeakMap<CompiledStatement, string>();
const resourceWords = new WeakMap<CompiledStatement, string[]>();

function shownActions(st: CompiledStatement): string {
  let w = actionWords.get(st);
  if (w === undefined) actionWords.set(st, (w = st.actionPatterns.map(showPattern).join(', ') || 'none'));
  return w;
}

function shownResources(st: CompiledStatement, req: PreparedRequest): string[] {
  const cached = resourceWords.get(st);
  if (cached) return cached;
  const entries = st.resources ?? [];
  const shown = entries.map((e) => {
    const v = resolveTemplate(e.template, req.lookup);
    return v === undefined ? `${e.template.source} (a variable has no value)` : showPattern(v);
  });
  if (entries.every((e) => e.template.isStatic)) resourceWords.set(st, shown);
  return shown;
}

function describeResourceFailure(st: CompiledStatement, req: PreparedRequest): string {
  const shown = shownResources(st, req);
  if (req.wildcardOnly && !st.notResource)
    return `\`${req.request.action}\` acts on no resource type, so only \`Resource: "*"\` matches it (statement has ${shown.join(', ')})`;
  return st.notResource
    ? `resource \`${req.resource}\` is listed in NotResource (${shown.join(', ')})`
    : `resource \`${req.resource}\` is not matched by Resource (${shown.join(', ') || 'none'})`;
}

function reasonText(
  st: CompiledStatement,
  req: PreparedRequest,
  tri: number,
  failedOn: string | undefined,
  conditionIndex: number | undefined,
): string | undefined {
  const c = conditionIndex !== undefined ? st.conditions[conditionIndex] : undefined;
  if (tri === DEPENDS) {
    const names = c?.unresolved ?? st.unresolved.names;
    return `whether it applies depends on the unresolved ${names.map((n) => `\`${n}\``).join(', ')} (${failedOn})`;
  }
  switch (failedOn) {
    case 'action':
      return `action \`${req.request.action}\` is ${st.notAction ? 'listed in NotAction' : 'not matched by Action'} (${shownActions(st)})`;
    case 'resource':
      return tri === UNKNOWN ? `not evaluated: ${st.problems[0] ?? 'the resource is not understood'}` : describeResourceFailure(st, req);
    case 'principal':
      if (tri === UNKNOWN) return `not evaluated: ${st.problems[0] ?? 'the principal is not understood'}`;
      return st.notPrincipal
        ? `principal \`${req.principal.arn}\` is exempted by NotPrincipal`
        : `principal \`${req.principal.arn}\` is not named in Principal`;
    case 'condition':
      return c ? describeConditionFailure(c, req) : undefined;
    case 'unsupported':
      return `not evaluated: ${st.problems[0] ?? 'an element is not understood'}`;
    default:
      return undefined;
  }
}

function statementExplain(
  policy: CompiledPolicy,
  kind: PolicyKind,
  st: CompiledStatement,
  rec: number,
  req: PreparedRequest,
): StatementExplain {
  const { tri, rank, failedOn, conditionIndex } = readRecord(rec);
  const isAllow = st.effect === 'Allow';
  const matched = isAllow ? tri === YES : tri === YES || tri === UNKNOWN;
  const grant = matched && isAllow ? GRANT_BY_RANK[rank] : undefined;
  const out: StatementExplain = { policy: policy.name, kind, index: st.index, effect: st.effect ?? 'Invalid', matched };
  if (st.sid !== undefined) out.sid = st.sid;
  if (tri === UNKNOWN) out.indeterminate = true;
  if (tri === DEPENDS) {
    const c = conditionIndex !== undefined ? st.conditions[conditionIndex] : undefined;
    out.unresolved = c?.unresolved ?? st.unresolved.names;
  }
  if (failedOn) out.failedOn = failedOn;
  if (conditionIndex !== undefined) out.conditionIndex = conditionIndex;
  if (!matched || tri === UNKNOWN) {
    const reason =
      reasonText(st, req, tri, failedOn, conditionIndex) ??
      (isAllow ? 'part of the statement is not understood, so it cannot grant' : undefined);
    if (reason !== undefined) out.reason = tri === DEPENDS ? showUnresolved(reason) : reason;
  }
  if (grant) out.grant = grant;
  if (st.location) out.location = st.location;
  return out;
}

const GRANT_WORDS = ['', 'its account', 'its role', 'itself (session, user or `*`)'];

/** Builds the explanation of a decision from the records (`recordsOf` is cached per policy). */
export function buildExplain(
  set: PolicySet,
  req: PreparedRequest,
  recordsOf: (p: CompiledPolicy) => PolicyRecords,
  decision: Decision,
  low: Verdict,
  high: Verdict,
): Explain {
  const p = req.principal;
  const identitySide = hasIdentitySide(p);
  const crossAccount = isCrossAccount(p, req.resourceAccount);
  const explain: Explain = {
    decision,
    summary: '',
    principal: { arn: p.arn, kind: p.kind, ...(p.account ? { account: p.account } : {}) },
    action: req.request.action,
    resource: req.resource,
    ...(req.resourceAccount ? { resourceAccount: req.resourceAccount } : {}),
    crossAccount,
    steps: [],
    policies: [],
    indeterminate: false,
    notes: [],
  };
  const step = (s: ExplainStep['step'], outcome: ExplainStep['outcome'], message: string) =>
    explain.steps.push({ step: s, outcome, message });
  const flags = new Map<CompiledPolicy, number>();
  const add = (policy: CompiledPolicy, kind: PolicyKind, level?: string): number => {
    const { records, flags: f } = recordsOf(policy);
    const pe: PolicyExplain = {
      name: policy.name,
      kind,
      file: policy.file,
      result: f & DENIES ? 'deny' : f & ALLOWS ? 'allow' : 'none',
      statements: [],
    };
    if (level !== undefined) pe.level = level;
    if (policy.location) pe.location = policy.location;
    if (policy.broken) pe.broken = policy.broken;
    policy.statements.forEach((st, i) => pe.statements.push(statementExplain(policy, kind, st, records[i]!, req)));
    explain.policies.push(pe);
    flags.set(policy, f);
    return f;
  };
  const scpLevels = identitySide ? set.scp.map((l) => ({ l, f: l.policies.map((pol) => add(pol, 'scp', l.orgIdentifier)) })) : [];
  const rcpLevels = set.rcp.map((l) => ({ l, f: l.policies.map((pol) => add(pol, 'rcp', l.orgIdentifier)) }));
  const resource = set.resource ? add(set.resource, set.resource.kind === 'trust' ? 'trust' : 'resource') : undefined;
  const identity = identitySide ? set.identity.map((pol) => add(pol, 'identity')) : [];
  const boundary = identitySide && set.boundary ? add(set.boundary, 'boundary') : undefined;
  const session = identitySide ? set.session.map((pol) => add(pol, 'session')) : [];
  const all = [...flags.values()];

  if (all.some((f) => f & DENIES)) step('explicit-deny', 'deny', 'a Deny statement applies');
  else if (all.some((f) => f & MAY_DENY)) step('explicit-deny', 'info', 'a Deny statement may apply, depending on an unresolved value');
  else step('explicit-deny', 'pass', 'no Deny statement applies');
  for (const { l } of rcpLevels)
    step('rcp', 'pass', `the RCPs at \`${l.orgIdentifier}\` deny nothing here (RCPFullAWSAccess allows the rest)`);
  for (const { l, f } of scpLevels) {
    const ok = f.some((x) => x & ALLOWS);
    step(
      'scp',
      ok ? 'pass' : f.some((x) => x & MAY_ALLOW) ? 'info' : 'fail',
      ok ? `an SCP at \`${l.orgIdentifier}\` allows the request` : `no service control policy at \`${l.orgIdentifier}\` allows the request`,
    );
  }
  if (resource !== undefined) {
    const rank = resource & ALLOWS ? (resource >> 4) & 3 || 3 : 0;
    step(
      'resource',
      rank ? 'allow' : 'skip',
      rank ? `the resource policy allows it (names the caller as ${GRANT_WORDS[rank]})` : 'the resource policy does not allow it',
    );
  }
  if (needsExplicitAllow(req.action)) {
    const ok = resource !== undefined && (resource & ALLOWS) !== 0;
    step(
      'explicit-allow-required',
      ok ? 'pass' : 'fail',
      ok
        ? 'the key or trust policy allows it explicitly, as KMS and STS require'
        : 'KMS key policies and role trust policies must allow explicitly, and none does',
    );
  }
  if (identitySide) {
    const identityAllow = identity.some((f) => f & ALLOWS);
    if (p.kind === 'account') step('root', 'allow', 'the account root user has full access on its own side');
    else
      step(
        'identity',
        identityAllow ? 'allow' : 'fail',
        identityAllow ? 'an identity-based policy allows it' : 'no identity-based policy allows it',
      );
    if (boundary !== undefined)
      step(
        'boundary',
        boundary & ALLOWS ? 'pass' : 'fail',
        boundary & ALLOWS ? 'the permissions boundary allows it' : 'the permissions boundary does not allow it',
      );
    if (p.kind === 'role-session' || p.kind === 'federated-user') {
      const ok = set.session.length === 0 ? p.kind === 'role-session' : session.some((f) => f & ALLOWS);
      step(
        'session',
        ok ? 'pass' : 'fail',
        set.session.length === 0
          ? ok
            ? 'no session policy limits the session'
            : 'a federated-user session without a session policy has no permissions'
          : ok
            ? 'a session policy allows it'
            : 'no session policy allows it',
      );
    }
    if (crossAccount)
      step(
        'cross-account',
        'info',
        `the principal's account \`${p.account}\` differs from the resource's \`${req.resourceAccount}\`: both must allow`,
      );
  }

  const statements = explain.policies.flatMap((x) => x.statements);
  let why: string = low.text;
  if (decision === 'Unknown') {
    const names = [...new Set(statements.flatMap((s) => s.unresolved ?? []))];
    explain.unresolved = names;
    why = `depends on ${names.map((n) => `\`${n}\``).join(', ')}: ${high.decision} if the statements that use ${names.length === 1 ? 'it' : 'them'} apply as written, ${low.decision} otherwise`;
    step('unknown', 'info', `the decision depends on unresolved ${names.map((n) => `\`${n}\``).join(', ')}`);
  } else if (low.code === 'scp') {
    const level = scpLevels.find(({ f }) => !f.some((x) => x & ALLOWS));
    if (level) why = `no SCP at \`${level.l.orgIdentifier}\` allows it`;
  }
  if (low.code === 'broken') {
    const first = [...flags.keys()].find((x) => x.broken !== undefined);
    const at = first?.diagnostics.find((d) => d.severity === 'error')?.location ?? first?.location;
    if (first) why = `${low.text} (${first.name}: ${first.broken}${at ? ` at ${formatLocation(at)}` : ''})`;
    step('indeterminate', 'fail', why);
  }
  for (const s of statements) {
    if (
      decision === 'ExplicitDeny'
        ? s.matched && s.effect !== 'Allow'
        : decision === 'Allow'
          ? s.matched && s.effect === 'Allow'
          : decision === 'Unknown' && s.unresolved !== undefined
    )
      s.deciding = true;
  }
  const broken = [...flags.keys()].some((x) => x.broken !== undefined);
  const denyIndeterminate = statements.some((s) => s.indeterminate && s.effect !== 'Allow' && s.matched);
  explain.indeterminate = broken || statements.some((s) => s.indeterminate);
  if (denyIndeterminate) explain.notes.push('a Deny statement containing something keycard does not understand was applied (fail closed)');
  if (broken) explain.notes.push('a policy could not be read; no Allow can be confirmed');
  explain.summary = summarize(decision, why, explain);
  return explain;
}
