/**
 * Differential property test: random IAM policy sets and requests, decided by the native engine
 * and by Cedar, must agree whenever the translation is exact. 1,000 cases by default; KEYCARD_FUZZ_RUNS raises the
 * count (CI runs 10,000).
 */
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { compareEnginesSync } from '../../src/cedar/engines.js';
import { loadCedar } from '../../src/cedar/wasm.js';
import type { AuthorizeDocument } from '../../src/load/authorize.js';
import type { PolicyDocument } from '../../src/model/types.js';

/** Total cases (policy set + request pairs); each property run checks REQUESTS requests against one policy set. */
const CASES = Number(process.env.KEYCARD_FUZZ_RUNS ?? 1_000);
const REQUESTS = 8;
const RUNS = Math.ceil(CASES / REQUESTS);

const actions = fc.constantFrom(
  's3:GetObject',
  's3:PutObject',
  's3:ListBucket',
  's3:Get*',
  's3:*',
  '*',
  's3:ListAllMyBuckets',
  's3:*Object',
  'ec2:*',
  's3:DeleteObject',
);
const resources = fc.constantFrom(
  '*',
  'arn:aws:s3:::b',
  'arn:aws:s3:::b/*',
  'arn:aws:s3:::b/home/${aws:username}/*',
  'arn:aws:s3:::*',
  'arn:aws:s3:::b/*/x',
  'arn:aws:s3:::c/*',
  'arn:aws:s3:*',
  "arn:aws:s3:::b/${aws:PrincipalTag/team, 'none'}*",
  'arn:aws:s3:::b/${*}',
  'arn:*:s3:::b/*',
);
const keys = fc.constantFrom(
  'aws:username',
  's3:prefix',
  'aws:PrincipalTag/team',
  'aws:SourceIp',
  'aws:SecureTransport',
  's3:max-keys',
  'aws:CurrentTime',
  'aws:TagKeys',
  'aws:PrincipalArn',
);
const words = fc.constantFrom('alice', 'bob', 'home/', 'home/alice/', 'red', 'blue', '', 'true', 'false', 'Alice');
const operators = fc.constantFrom(
  'StringEquals',
  'StringNotEquals',
  'StringLike',
  'StringNotLike',
  'StringEqualsIgnoreCase',
  'StringEqualsIfExists',
  'StringNotEqualsIfExists',
  'ForAnyValue:StringEquals',
  'ForAllValues:StringEquals',
  'ForAnyValue:StringNotEquals',
  'ForAllValues:StringNotEquals',
  'Bool',
  'BoolIfExists',
  'Null',
  'NumericLessThan',
  'NumericGreaterThanEquals',
  'IpAddress',
  'NotIpAddress',
  'DateLessThan',
  'ArnLike',
  'ArnNotEquals',
);

/** Policy values that make sense for an operator (plus variables for string operators). */
function valuesFor(op: string): fc.Arbitrary<string[]> {
  const one = (() => {
    if (op.startsWith('Numeric')) return fc.constantFrom('10', '0', '2.5', '100');
    if (op.startsWith('Date')) return fc.constantFrom('2026-01-01T00:00:00Z', '2030-01-01', '1700000000');
    if (op.includes('Ip')) return fc.constantFrom('10.0.0.0/8', '203.0.113.0/24', '2001:db8::/32', '10.1.2.3');
    if (op === 'Null' || op.startsWith('Bool')) return fc.constantFrom('true', 'false');
    if (op.startsWith('Arn'))
      return fc.constantFrom(
        'arn:aws:iam::111122223333:role/*',
        'arn:aws:iam::*:role/App',
        'arn:aws:iam::111122223333:user/${aws:username}',
      );
    return fc.oneof(words, fc.constantFrom('home/*', '*a*', '${aws:username}', 'home/${aws:username}/*', '${aws:PrincipalTag/team}'));
  })();
  return fc.array(one, { minLength: 1, maxLength: 2 });
}

const condition = fc
  .array(
    operators.chain((op) => fc.tuple(fc.constant(op), keys, valuesFor(op))),
    { maxLength: 2 },
  )
  .map((list) => {
    const out: Record<string, Record<string, string[] | string>> = {};
    for (const [op, key, values] of list) (out[op] ??= {})[key] = values.length === 1 ? values[0]! : values;
    return list.length ? out : undefined;
  });

const principals = fc.constantFrom<unknown>(
  '*',
  { AWS: '*' },
  { AWS: 'arn:aws:iam::111122223333:role/App' },
  { AWS: '111122223333' },
  { AWS: 'arn:aws:sts::111122223333:assumed-role/App/s' },
  { AWS: 'arn:aws:iam::111122223333:user/alice' },
  { AWS: ['444455556666', 'arn:aws:iam::444455556666:role/Partner'] },
  { Service: 's3.amazonaws.com' },
);

function statement(withPrincipal: boolean) {
  return fc
    .record({
      effect: fc.constantFrom('Allow', 'Allow', 'Allow', 'Deny'),
      notAction: fc.boolean(),
      actions: fc.array(actions, { minLength: 1, maxLength: 2 }),
      notResource: fc.boolean(),
      resources: fc.array(resources, { minLength: 1, maxLength: 2 }),
      condition: fc.oneof(fc.constant(undefined), fc.constant(undefined), condition),
      principal: principals,
      notPrincipal: fc.boolean(),
      dice: fc.nat(9),
    })
    .map((s) => {
      const st: Record<string, unknown> = { Effect: s.effect };
      st[s.notAction && s.dice < 3 ? 'NotAction' : 'Action'] = s.actions.length === 1 ? s.actions[0] : s.actions;
      st[s.notResource && s.dice % 3 === 0 ? 'NotResource' : 'Resource'] = s.resources.length === 1 ? s.resources[0] : s.resources;
      if (s.condition) st.Condition = s.condition;
      if (withPrincipal) st[s.notPrincipal && (s.effect === 'Deny' || s.dice === 9) ? 'NotPrincipal' : 'Principal'] = s.principal;
      return st;
    });
}

const policy = (withPrincipal = false) =>
  fc
    .record({
      version: fc.constantFrom('2012-10-17', '2012-10-17', '2008-10-17'),
      statements: fc.array(statement(withPrincipal), { minLength: 1, maxLength: 3 }),
    })
    .map(({ version, statements }) => ({ Version: version, Statement: statements }));

const requestContext = fc.dictionary(
  keys,
  fc.oneof(
    words,
    fc.constantFrom('10.1.2.3', '203.0.113.9', '2001:db8::1', '5', '2.5', '2027-06-01T00:00:00Z', 'arn:aws:iam::111122223333:role/App'),
    fc.array(words, { maxLength: 3 }),
  ),
  { maxKeys: 4 },
);

const requests = fc
  .record({
    principal: fc.constantFrom(
      'arn:aws:sts::111122223333:assumed-role/App/s',
      'arn:aws:iam::111122223333:user/alice',
      'arn:aws:sts::444455556666:assumed-role/Partner/p',
      'anonymous',
      'arn:aws:sts::111122223333:federated-user/alice',
      'arn:aws:iam::111122223333:role/App',
      's3.amazonaws.com',
      '111122223333',
    ),
    action: fc.constantFrom('s3:GetObject', 's3:PutObject', 's3:ListBucket', 's3:ListAllMyBuckets', 's3:DeleteObject'),
    target: fc.constantFrom(
      'arn:aws:s3:::b/home/alice/x.txt',
      'arn:aws:s3:::b',
      'arn:aws:s3:::c/k',
      'arn:aws:s3:::b/a/x',
      'arn:aws:s3:::b/*',
    ),
    context: requestContext,
  })
  .map((r) => (r.action === 's3:ListAllMyBuckets' ? { ...r, target: '*' } : r));

/** `arb` in `percent`% of the cases, else null. */
const sometimes = <T>(arb: fc.Arbitrary<T>, percent: number) =>
  fc.oneof({ arbitrary: fc.constant(null), weight: 100 - percent }, { arbitrary: arb, weight: percent });

const documents = fc.record({
  identity: fc.array(policy(), { minLength: 1, maxLength: 2 }),
  boundary: sometimes(policy(), 30),
  session: sometimes(policy(), 30),
  resource: sometimes(policy(true), 40),
  scp: sometimes(policy(), 20),
  rcp: sometimes(policy(true), 15),
  requests: fc.array(requests, { minLength: REQUESTS, maxLength: REQUESTS }),
});

const pd = (json: unknown, name: string): PolicyDocument => ({ name, json, file: 'fuzz', locate: () => undefined });

function toDocument(g: typeof documents extends fc.Arbitrary<infer T> ? T : never, r: (typeof g)['requests'][number]): AuthorizeDocument {
  return {
    id: 'fuzz',
    file: 'fuzz',
    index: 0,
    policies: {
      identity: g.identity.map((p, i) => pd(p, `identity${i}`)),
      ...(g.boundary ? { boundary: pd(g.boundary, 'boundary') } : {}),
      session: g.session ? [pd(g.session, 'session')] : [],
      ...(g.resource ? { resource: pd(g.resource, 'resource') } : {}),
      scp: g.scp ? [{ orgIdentifier: 'r-root', policies: [pd(g.scp, 'scp')] }] : [],
      rcp: g.rcp ? [{ orgIdentifier: 'r-root', policies: [pd(g.rcp, 'rcp')] }] : [],
    },
    request: {
      principal: r.principal,
      action: r.action,
      resource: r.target,
      resourceAccount: '111122223333',
      context: r.context as Record<string, string | string[]>,
    },
  };
}

beforeAll(async () => {
  await loadCedar();
});

it(
  `native and Cedar engines agree on ${RUNS * REQUESTS} random cases`,
  () => {
    let compared = 0;
    let skipped = 0;
    const decisions: Record<string, number> = {};
    const reasons: Record<string, number> = {};
    const started = Date.now();
    fc.assert(
      fc.property(documents, (g) => {
        for (const r of g.requests) {
          const doc = toDocument(g, r);
          // Every 50th case also validates the generated set strictly (≈5 ms each).
          const c = compareEnginesSync(doc, { validate: (compared + skipped) % 50 === 0 });
          if (c.cedar === 'untranslatable') {
            skipped++;
            if (process.env.KEYCARD_FUZZ_DEBUG)
              for (const d of (c.cedarResult as { untranslatable: { message: string }[] }).untranslatable)
                reasons[d.message.replace(/`[^`]*`/g, 'X')] = (reasons[d.message.replace(/`[^`]*`/g, 'X')] ?? 0) + 1;
            continue;
          }
          compared++;
          decisions[c.native] = (decisions[c.native] ?? 0) + 1;
          if (c.cedar === 'error' || !c.agree)
            throw new Error(
              `engines disagree: native ${c.native}, cedar ${c.cedar}\n${JSON.stringify(c.explanation)}\n${JSON.stringify({ ...g, requests: [r] })}`,
            );
        }
        return true;
      }),
      { numRuns: RUNS, seed: process.env.KEYCARD_FUZZ_SEED ? Number(process.env.KEYCARD_FUZZ_SEED) : undefined },
    );
    console.log(`cedar fuzz: ${compared} compared, ${skipped} not comparable, ${JSON.stringify(decisions)}, ${Date.now() - started} ms`);
    if (process.env.KEYCARD_FUZZ_DEBUG) console.log(reasons);
    expect(compared).toBeGreaterThan(RUNS * REQUESTS * 0.6);
  },
  Math.max(240_000, CASES * 25),
);
