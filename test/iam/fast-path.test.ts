// The hot-loop path (evaluate without explanation, src/iam/fast) against the explaining path on
// random policy sets and requests: the two must give the same decision, every time, and the
// explanation's deciding statements and reasons must agree with that decision.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compilePolicySet,
  evaluate,
  prepareRequest,
  type Decision,
  type Explain,
  type PolicySet,
  type Request,
} from '../../src/iam/index.js';
import { retarget } from '../../src/iam/request.js';
import type { PolicyDocument } from '../../src/model/types.js';

const ACCOUNT = '111122223333';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/App`;
const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/App/s1`;

const ACTIONS = ['s3:GetObject', 's3:PutObject', 's3:ListBucket', 's3:DeleteObject', 's3:ListAllMyBuckets', 'iam:PassRole'];
const ACTION_PATTERNS = ['s3:*', 's3:Get*', 's3:GetObject', '*', 's3:*Object', 's3:List?ucket', 'iam:PassRole', 's3:PutObject'];
const RESOURCE_PATTERNS = [
  '*',
  '**',
  'arn:aws:s3:::b1',
  'arn:aws:s3:::b1/*',
  'arn:aws:s3:::b1/private/${aws:userid}/*',
  'arn:aws:s3:::b1/private/${aws:userid}',
  "arn:aws:s3:::b1/${cognito:sub, 'def'}/*",
  'arn:aws:s3:::b*/x',
  'arn:aws:s3:::b2/a:*',
  'arn:aws:s3:*',
  'arn:aws:s3:::b1/p?/*',
  'arn:aws:iam::111122223333:role/*',
  'arn:aws:*:*:*:*',
  'arn:${aws:partition}:s3:::b1/*',
  'arn:aws:s3:::b1/${*}x',
  'arn:aws:s3:::b1/*/k',
  'arn:aws:s3:::b3/x/*',
  'arn:aws:s3:::${aws:userid}/*',
  'arn:aws:s3:::b1/${aws:userid}*',
  'arn:aws:s3:::b2/a:b',
];
const RESOURCES = [
  'arn:aws:s3:::b1',
  'arn:aws:s3:::b1/private/ID/x.jpg',
  'arn:aws:s3:::b1/private/ID:c/x',
  'arn:aws:s3:::b1/private/OTHER/x',
  'arn:aws:s3:::b2/a:b',
  'arn:aws:s3:::b1/px/y',
  'arn:aws:s3:::b1/*x',
  '*',
  'arn:aws:iam::111122223333:role/R',
  'arn:aws:s3:::b3/x/k',
  'arn:aws:s3:::b1/def/z',
  'arn:aws:s3:::b1/q/k',
  'arn:aws:s3:::ID/k',
  'arn:aws:s3:::b1/IDz',
  'arn:aws:s3:::bx/x',
];
const PRINCIPALS = [
  SESSION,
  ROLE,
  `arn:aws:iam::${ACCOUNT}:user/U`,
  'arn:aws:sts::444455556666:assumed-role/Other/s',
  `arn:aws:sts::${ACCOUNT}:federated-user/U`,
  'anonymous',
  's3.amazonaws.com',
  ACCOUNT,
];
const PRINCIPAL_ELEMENTS: unknown[] = [
  '*',
  { AWS: '*' },
  { AWS: ROLE },
  { AWS: SESSION },
  { AWS: ACCOUNT },
  { AWS: [ROLE, `arn:aws:iam::${ACCOUNT}:root`, SESSION] },
  { AWS: 'arn:aws:iam::444455556666:root' },
  { Service: 's3.amazonaws.com' },
];
const KEYS = [
  'aws:userid',
  's3:prefix',
  'aws:SecureTransport',
  'aws:SourceIp',
  'aws:PrincipalTag/team',
  's3:max-keys',
  'aws:TagKeys',
  'cognito:sub',
];
const OPERATORS = [
  'StringEquals',
  'StringNotEquals',
  'StringLike',
  'StringNotLike',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'Bool',
  'IpAddress',
  'NotIpAddress',
  'NumericLessThan',
  'Null',
  'ForAllValues:StringLike',
  'ForAnyValue:StringEquals',
  'ForAllValues:StringNotEquals',
  'ForAnyValue:StringNotLike',
  'StringEqualsIfExists',
  'StringNotLikeIfExists',
  'BoolIfExists',
  'ArnLike',
];
const CONDITION_VALUES = [
  'ID',
  'id',
  'public/*',
  'private/${aws:userid}/*',
  '${aws:userid}',
  'true',
  'false',
  'TRUE',
  '10.0.0.0/8',
  '100',
  'a*',
  'x',
  '${missing}',
  "${missing, 'x'}",
  'arn:aws:iam::*:role/*',
];

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const oneOrMany = <T>(xs: readonly T[]) => fc.oneof(pick(xs), fc.array(pick(xs), { minLength: 1, maxLength: 3 }));

// Values fit their operator's type (a policy with a malformed value is refused as a whole, issue 9 §3).
const valuesFor = (op: string) =>
  oneOrMany(
    /Numeric/.test(op)
      ? ['100', '5']
      : /IpAddress/.test(op)
        ? ['10.0.0.0/8', '192.168.0.1']
        : /^Null$/.test(op)
          ? ['true', 'false']
          : CONDITION_VALUES,
  );
const operatorBlock = pick(OPERATORS).chain((op) =>
  fc.dictionary(pick(KEYS), valuesFor(op), { minKeys: 1, maxKeys: 2 }).map((keys) => [op, keys] as const),
);
const condition = fc.array(operatorBlock, { minLength: 1, maxLength: 2 }).map((blocks) => Object.fromEntries(blocks));

function statement(withPrincipal: boolean) {
  return fc
    .record(
      {
        Effect: fc.oneof(
          { weight: 12, arbitrary: fc.constant('Allow') },
          { weight: 4, arbitrary: fc.constant('Deny') },
          { weight: 1, arbitrary: fc.constant('Deny') },
        ),
        action: fc.tuple(fc.boolean(), oneOrMany(ACTION_PATTERNS), fc.nat(9)),
        resource: fc.tuple(fc.boolean(), oneOrMany(RESOURCE_PATTERNS), fc.nat(9)),
        principal: fc.tuple(fc.nat(9), pick(PRINCIPAL_ELEMENTS)),
        Condition: fc.option(condition, { freq: 3 }),
        extra: fc.nat(400),
      },
      { requiredKeys: ['Effect', 'action', 'resource', 'principal', 'extra'] },
    )
    .map(({ Effect, action, resource, principal, Condition, extra }) => {
      const st: Record<string, unknown> = { Effect };
      st[action[0] && action[2] < 2 ? 'NotAction' : 'Action'] = action[1];
      if (extra !== 1) st[resource[0] && resource[2] < 2 ? 'NotResource' : 'Resource'] = resource[1];
      if (withPrincipal) st[principal[0] < 2 ? 'NotPrincipal' : 'Principal'] = principal[1];
      if (Condition) st.Condition = Condition;
      if (extra === 0) st.Sidd = 'typo';
      return st;
    });
}

let counter = 0;
function policy(withPrincipal: boolean, maxStatements = 4) {
  return fc
    .tuple(fc.array(statement(withPrincipal), { minLength: 1, maxLength: maxStatements }), fc.nat(20))
    .map(([Statement, v]): PolicyDocument => {
      const json: Record<string, unknown> = { Statement };
      if (v > 2) json.Version = '2012-10-17';
      else if (v === 1) json.Version = '2008-10-17';
      else if (v === 2) json.Version = 'bad';
      return { name: `p${counter++}`, json, file: 'random', locate: () => undefined };
    });
}

const policyDocs = fc.record({
  identity: fc.array(fc.oneof(policy(false), policy(false, 14)), { minLength: 1, maxLength: 3 }),
  boundary: fc.option(policy(false), { freq: 4 }),
  session: fc.oneof(
    { weight: 2, arbitrary: fc.constant<PolicyDocument[]>([]) },
    { weight: 1, arbitrary: fc.array(policy(false), { maxLength: 2 }) },
  ),
  resource: fc.option(policy(true, 10), { freq: 2 }),
  scp: fc.oneof(
    { weight: 3, arbitrary: fc.constant<PolicyDocument[][]>([]) },
    { weight: 1, arbitrary: fc.array(fc.array(policy(false), { minLength: 1, maxLength: 2 }), { maxLength: 2 }) },
  ),
  rcp: fc.oneof(
    { weight: 5, arbitrary: fc.constant<PolicyDocument[][]>([]) },
    { weight: 1, arbitrary: fc.array(fc.array(policy(true), { minLength: 1, maxLength: 2 }), { maxLength: 1 }) },
  ),
});
const compileDocs = (d: typeof policyDocs extends fc.Arbitrary<infer T> ? T : never) =>
  compilePolicySet({
    identity: d.identity,
    session: d.session,
    scp: d.scp.map((policies, i) => ({ orgIdentifier: `ou-${i}`, policies })),
    rcp: d.rcp.map((policies, i) => ({ orgIdentifier: `ou-${i}`, policies })),
    ...(d.boundary ? { boundary: d.boundary } : {}),
    ...(d.resource ? { resource: d.resource } : {}),
  }).set;
const policySet = policyDocs.map(compileDocs);

const context = fc
  .record({
    'aws:userid': fc.option(pick(['ID', 'ID:c', 'OTHER', 'b1', 'x*y'])),
    's3:prefix': fc.option(oneOrMany(['public/', 'private/ID/', 'x', ''])),
    'aws:SecureTransport': fc.option(pick(['true', 'false', 'TRUE'])),
    'aws:SourceIp': fc.option(pick(['10.1.2.3', '192.0.2.1', 'nonsense'])),
    'aws:TagKeys': fc.option(fc.array(pick(['a', 'x', 'ID']), { maxLength: 2 })),
    'cognito:sub': fc.option(pick(['def', 'q'])),
    'aws:partition': fc.option(pick(['aws', 'aws-cn'])),
  })
  .map((c) => Object.fromEntries(Object.entries(c).filter(([, v]) => v !== null)) as Record<string, string | string[]>);

const request = fc
  .record({
    principal: fc.oneof({ weight: 3, arbitrary: fc.constant(SESSION) }, { weight: 4, arbitrary: pick(PRINCIPALS) }),
    action: pick(ACTIONS),
    resource: pick(RESOURCES),
    resourceAccount: fc.option(pick([ACCOUNT, '444455556666'])),
    context,
  })
  .map(({ resourceAccount, ...r }): Request => (resourceAccount ? { ...r, resourceAccount } : r));

const seen: Record<Decision, number> = { Allow: 0, ExplicitDeny: 0, ImplicitDeny: 0, Unknown: 0 };

/** A regex reference for the action element (independent of the engine's matcher). */
function actionListed(patterns: readonly string[], action: string): boolean {
  return patterns.some((p) =>
    new RegExp(
      `^${p
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\uE000/g, '.*')
        .replace(/\uE001/g, '.')}$`,
      's',
    ).test(action),
  );
}

/** The explanation's deciding statements and reasons agree with the decision. */
function explanationAgrees(set: PolicySet, explain: Explain, req: ReturnType<typeof prepareRequest>): void {
  const statements = explain.policies.flatMap((p) => p.statements);
  const deciding = statements.filter((s) => s.deciding);
  for (const s of deciding) {
    if (explain.decision === 'ExplicitDeny') expect(s.effect !== 'Allow' && s.matched, `${s.policy}#${s.index}`).toBe(true);
    else if (explain.decision === 'Allow') expect(s.effect === 'Allow' && s.matched, `${s.policy}#${s.index}`).toBe(true);
    else if (explain.decision === 'Unknown') expect(s.unresolved).toBeDefined();
    else expect.fail('an ImplicitDeny names no deciding statement');
  }
  if (explain.decision === 'ExplicitDeny') expect(deciding.length).toBeGreaterThan(0);
  if (explain.decision === 'Allow' && explain.principal.kind !== 'account') expect(deciding.length).toBeGreaterThan(0);
  const compiled = new Map(
    [
      ...set.identity,
      ...set.session,
      ...(set.boundary ? [set.boundary] : []),
      ...(set.resource ? [set.resource] : []),
      ...set.scp.flatMap((l) => l.policies),
      ...set.rcp.flatMap((l) => l.policies),
    ].map((p) => [p.name, p]),
  );
  for (const s of statements) {
    const st = compiled.get(s.policy)!.statements[s.index]!;
    if (s.failedOn === 'action' && !s.indeterminate)
      expect(actionListed(st.actionPatterns, req.action), `${s.policy}#${s.index}: ${s.reason}`).toBe(st.notAction);
    if (s.failedOn === 'condition') expect(s.conditionIndex).toBeLessThan(st.conditions.length);
    if (s.matched && s.effect === 'Allow') expect(s.failedOn).toBeUndefined();
    if (!s.matched && !s.unresolved) expect(s.failedOn ?? 'unsupported', `${s.policy}#${s.index}`).toBeDefined();
  }
}

function agree(set: PolicySet, req: ReturnType<typeof prepareRequest>): void {
  const full = evaluate(set, req, { explain: true });
  const reference = full.decision;
  explanationAgrees(set, full.explain!, req);
  seen[reference]++;
  expect(evaluate(set, req).decision).toBe(reference);
  expect(evaluate(set, req).decision).toBe(reference); // again, with every cache warm
}

describe('fast path agrees with the explaining path', () => {
  it('on random policy sets and requests', () => {
    fc.assert(
      fc.property(policySet, fc.array(request, { minLength: 1, maxLength: 6 }), (set, requests) => {
        for (const r of requests) agree(set, prepareRequest(r));
      }),
      { numRuns: 1500 },
    );
    // A generator that never reaches a decision would make this test vacuous.
    console.log('decisions compared:', seen);
    expect(seen.Allow).toBeGreaterThan(100);
    expect(seen.ExplicitDeny).toBeGreaterThan(100);
    expect(seen.ImplicitDeny).toBeGreaterThan(100);
  });

  it('when the fast path comes first (statements compiled lazily, the first request scanned, the next indexed)', () => {
    let plain = 0;
    fc.assert(
      fc.property(
        policyDocs,
        fc.array(policy(false, 40), { maxLength: 2 }),
        fc.array(request, { minLength: 1, maxLength: 10 }),
        (base, large, requests) => {
          const docs = { ...base, identity: [...base.identity, ...large] }; // large policies: the bucket index
          const lazy = compileDocs(docs); // never explained: its plain statements compile on first use
          const reference = compileDocs(docs);
          plain += lazy.identity.filter((p) => Array.from(p.fast.lazy?.compiled ?? []).includes(undefined)).length;
          for (const r of requests) {
            const req = prepareRequest(r);
            expect(evaluate(lazy, req).decision).toBe(evaluate(reference, req, { explain: true }).decision);
          }
        },
      ),
      { numRuns: 1500 },
    );
    expect(plain).toBeGreaterThan(300); // the lazy path was taken
  });

  it('on retargeted requests (the access map path), with and without extra context', () => {
    fc.assert(
      fc.property(
        policySet,
        request,
        fc.array(fc.tuple(pick(ACTIONS), pick(RESOURCES), fc.option(context)), { minLength: 1, maxLength: 8 }),
        (set, base, moves) => {
          const prepared = prepareRequest(base);
          for (const [action, resource, extra] of moves) agree(set, retarget(prepared, action, resource, extra ?? undefined));
        },
      ),
      { numRuns: 800 },
    );
  });
});
