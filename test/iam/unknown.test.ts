// The third outcome: a decision that depends on an unresolved value (imports.md §4) is Unknown,
// never Allow or Deny. Policies carry markers written with `unresolvedMarker`.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicySet, evaluate, prepareRequest, type Decision, type Request } from '../../src/iam/index.js';
import { renderExplain } from '../../src/iam/explain-text.js';
import type { PolicyDocument } from '../../src/model/types.js';
import { unresolvedMarker } from '../../src/model/unresolved.js';

const ACCOUNT = '111122223333';
const USER = `arn:aws:iam::${ACCOUNT}:user/A`;
const BUCKET = unresolvedMarker('Fn::ImportValue:shared-Bucket');
const doc = (json: unknown, name = 'p'): PolicyDocument => ({ name, json, file: 'test', locate: () => undefined });
const policy = (...Statement: unknown[]) => doc({ Version: '2012-10-17', Statement });
const request: Request = {
  principal: USER,
  action: 's3:GetObject',
  resource: 'arn:aws:s3:::data/k',
  resourceAccount: ACCOUNT,
  context: { 'aws:PrincipalTag/team': 'red' },
};

function decide(docs: Parameters<typeof compilePolicySet>[0], req: Request = request) {
  const { set } = compilePolicySet(docs);
  const prepared = prepareRequest(req);
  const fast = evaluate(set, prepared);
  const full = evaluate(set, prepared, { explain: true });
  expect(fast.decision).toBe(full.decision);
  return full;
}

const cases: { id: string; docs: Parameters<typeof compilePolicySet>[0]; expect: Decision; names?: string[] }[] = [
  {
    id: 'marker in the only Allow resource',
    docs: { identity: [policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*` })] },
    expect: 'Unknown',
    names: ['Fn::ImportValue:shared-Bucket'],
  },
  {
    id: 'another Allow settles it',
    docs: {
      identity: [
        policy(
          { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*` },
          { Effect: 'Allow', Action: 's3:*', Resource: '*' },
        ),
      ],
    },
    expect: 'Allow',
  },
  {
    id: 'the action settles it as not applying',
    docs: { identity: [policy({ Effect: 'Allow', Action: 's3:PutObject', Resource: `arn:aws:s3:::${BUCKET}/*` })] },
    expect: 'ImplicitDeny',
  },
  {
    id: 'a condition settles it as not applying',
    docs: {
      identity: [
        policy({
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: BUCKET,
          Condition: { StringEquals: { 'aws:PrincipalTag/team': 'blue' } },
        }),
      ],
    },
    expect: 'ImplicitDeny',
  },
  {
    id: 'marker in a Deny resource over an Allow',
    docs: {
      identity: [policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' }, { Effect: 'Deny', Action: 's3:GetObject', Resource: BUCKET })],
    },
    expect: 'Unknown',
  },
  {
    id: 'marker in a Deny without any Allow: implicit either way? no: explicit vs implicit',
    docs: { identity: [policy({ Effect: 'Deny', Action: 's3:GetObject', Resource: BUCKET })] },
    expect: 'Unknown',
  },
  {
    id: 'a sure Deny settles it',
    docs: {
      identity: [policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: BUCKET }, { Effect: 'Deny', Action: 's3:*', Resource: '*' })],
    },
    expect: 'ExplicitDeny',
  },
  {
    id: 'marker in Action',
    docs: { identity: [policy({ Effect: 'Allow', Action: [unresolvedMarker('ssm:/app/action')], Resource: '*' })] },
    expect: 'Unknown',
    names: ['ssm:/app/action'],
  },
  {
    id: 'marker in NotAction, the action listed literally',
    docs: { identity: [policy({ Effect: 'Allow', NotAction: ['s3:GetObject', unresolvedMarker('x')], Resource: '*' })] },
    expect: 'ImplicitDeny',
  },
  {
    id: 'marker in NotAction',
    docs: { identity: [policy({ Effect: 'Allow', NotAction: [unresolvedMarker('x')], Resource: '*' })] },
    expect: 'Unknown',
  },
  {
    id: 'marker in NotResource',
    docs: { identity: [policy({ Effect: 'Allow', Action: 's3:GetObject', NotResource: [BUCKET] })] },
    expect: 'Unknown',
  },
  {
    id: 'marker in a condition value',
    docs: {
      identity: [
        policy({
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: '*',
          Condition: { StringEquals: { 'aws:PrincipalTag/team': unresolvedMarker('var.team') } },
        }),
      ],
    },
    expect: 'Unknown',
    names: ['var.team'],
  },
  {
    id: 'marker in a condition key',
    docs: {
      identity: [
        policy({
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: '*',
          Condition: { StringEquals: { [`aws:PrincipalTag/${unresolvedMarker('var.tag')}`]: 'red' } },
        }),
      ],
    },
    expect: 'Unknown',
    names: ['var.tag'],
  },
  {
    id: 'marker in Principal of a bucket policy',
    docs: {
      resource: doc({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: unresolvedMarker('Fn::ImportValue:role') },
            Action: 's3:GetObject',
            Resource: 'arn:aws:s3:::data/*',
          },
        ],
      }),
    },
    expect: 'Unknown',
  },
  {
    id: 'marker in NotPrincipal of a Deny',
    docs: {
      identity: [policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' })],
      resource: doc({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Deny', NotPrincipal: { AWS: [unresolvedMarker('p')] }, Action: 's3:GetObject', Resource: '*' }],
      }),
    },
    expect: 'Unknown',
  },
  {
    id: 'marker in a boundary Allow',
    docs: {
      identity: [policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' })],
      boundary: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: BUCKET }),
    },
    expect: 'Unknown',
  },
  {
    id: 'marker in an SCP Allow',
    docs: {
      identity: [policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' })],
      scp: [{ orgIdentifier: 'ou-1', policies: [policy({ Effect: 'Allow', Action: unresolvedMarker('scp'), Resource: '*' })] }],
    },
    expect: 'Unknown',
  },
];

describe('Unknown: statements that depend on unresolved values', () => {
  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const r = decide(c.docs);
    expect(r.decision, r.explain!.summary).toBe(c.expect);
    if (c.expect === 'Unknown') {
      expect(r.unresolved?.length).toBeGreaterThan(0);
      if (c.names) expect(r.unresolved).toEqual(c.names);
      expect(r.explain!.summary).toMatch(/^Unknown: depends on /);
      expect(r.explain!.policies.flatMap((p) => p.statements).some((s) => s.deciding && s.unresolved)).toBe(true);
    }
  });
  it('renders the unresolved value readably, never the raw marker', () => {
    const r = decide(cases[0]!.docs);
    const text = renderExplain(r.explain!, { full: true });
    expect(text).toContain('Fn::ImportValue:shared-Bucket');
    expect(text).not.toContain('\u27EA');
  });
});

// Kleene semantics, checked exactly: a statement X whose element holds a marker is compared with
// the same statement where the marker is replaced by a value that makes the element match (yes)
// and one that makes it fail (no). If those two decisions differ, the marker is decisive and the
// decision must be Unknown; otherwise it must be that decision.
const ELEMENTS = ['Action', 'Resource', 'Condition', 'NotResource'] as const;
const base = fc.constantFrom<unknown[]>(
  [],
  [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }],
  [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' }],
  [{ Effect: 'Deny', Action: 's3:GetObject', Resource: '*' }],
  [{ Effect: 'Allow', Action: 's3:Put*', Resource: '*' }],
  [
    { Effect: 'Allow', Action: 's3:*', Resource: '*' },
    { Effect: 'Deny', Action: 's3:Delete*', Resource: '*' },
  ],
);
function variant(element: (typeof ELEMENTS)[number], effect: string, value: string, otherAction: string): Record<string, unknown> {
  const st: Record<string, unknown> = { Effect: effect, Action: otherAction, Resource: '*' };
  if (element === 'Action') st.Action = value;
  if (element === 'Resource') st.Resource = value;
  if (element === 'NotResource') {
    delete st.Resource;
    st.NotResource = value;
  }
  if (element === 'Condition') st.Condition = { StringEquals: { 'aws:PrincipalTag/team': value } };
  return st;
}
const FILL: Record<(typeof ELEMENTS)[number], { yes: string; no: string }> = {
  Action: { yes: 's3:GetObject', no: 'ec2:RunInstances' },
  Resource: { yes: 'arn:aws:s3:::data/k', no: 'arn:aws:s3:::other/k' },
  NotResource: { yes: 'arn:aws:s3:::other/k', no: 'arn:aws:s3:::data/k' },
  Condition: { yes: 'red', no: 'blue' },
};

describe('property: a marker on a decisive element never yields Allow or Deny', () => {
  it('agrees with both resolutions, and is Unknown when they differ', () => {
    fc.assert(
      fc.property(
        base,
        base,
        fc.constantFrom(...ELEMENTS),
        fc.constantFrom('Allow', 'Deny'),
        fc.constantFrom('s3:GetObject', 's3:*', 's3:PutObject'),
        fc.constantFrom('identity', 'boundary', 'session', 'scp'),
        (identity, extra, element, effect, otherAction, where) => {
          const build = (value: string) => {
            const x = variant(element, effect, value, otherAction);
            const docs: Parameters<typeof compilePolicySet>[0] = { identity: [policy(...identity, ...(where === 'identity' ? [x] : []))] };
            if (where === 'boundary') docs.boundary = policy(...extra, x);
            if (where === 'session') docs.session = [policy(...extra, x)];
            if (where === 'scp') docs.scp = [{ orgIdentifier: 'ou', policies: [policy(...extra, x)] }];
            return docs;
          };
          const session = { ...request, principal: `arn:aws:sts::${ACCOUNT}:assumed-role/R/s` };
          const yes = decide(build(FILL[element].yes), session).decision;
          const no = decide(build(FILL[element].no), session).decision;
          const marked = decide(build(unresolvedMarker('M')), session);
          if (yes !== no) {
            expect(marked.decision).toBe('Unknown');
            expect(marked.unresolved).toEqual(['M']);
          } else {
            expect(marked.decision).toBe(yes);
          }
        },
      ),
      { numRuns: 600 },
    );
  });
});
