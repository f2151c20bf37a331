// The one-shot authorize: the explanation is built when read (and reads the same as one built at
// once), compiled policies and prepared requests are reused for the same objects, and an object
// mutated in place is compiled again, never answered from the old compilation (src/iam/reuse.ts).
import { describe, expect, it } from 'vitest';
import { compilePolicySet, evaluate, prepareRequest } from '../../src/iam/index.js';
import { authorize as authorizeDocument } from '../../src/iam/authorize.js';
import { authorize, type AuthorizeInput } from '../../src/library.js';
import { unresolvedMarker } from '../../src/model/unresolved.js';
import { FIXTURE_DIR, loadDocs, yamlFiles } from './helpers.js';

const ANA = 'arn:aws:iam::111122223333:user/ana';
const photos = () => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::photos/*' }],
});
const input = (): AuthorizeInput => ({
  policies: { identity: [photos()] },
  request: { principal: ANA, action: 's3:GetObject', resource: 'arn:aws:s3:::photos/cat.jpg', context: {} },
});

describe('authorize: the explanation is built when read', () => {
  const docs = loadDocs(yamlFiles(FIXTURE_DIR)).filter((d) => d.request);

  it('has fixture documents to check', () => expect(docs.length).toBeGreaterThan(10));

  it('gives, for every fixture document, the JSON of an explanation built at once (first call and repeated call)', () => {
    for (const doc of docs) {
      const eager = evaluate(compilePolicySet(doc.policies).set, prepareRequest(doc.request), { explain: true });
      const first = authorizeDocument(doc);
      expect(first.decision, doc.id).toBe(eager.decision);
      expect(JSON.stringify(first.explain), doc.id).toBe(JSON.stringify(eager.explain));
      const again = authorizeDocument(doc);
      expect(JSON.stringify(again), doc.id).toBe(JSON.stringify(first));
    }
  });

  it('keeps the keys of the JSON output in order, and spreads and assigns like a plain property', () => {
    const r = authorize({ ...input(), id: 'x', expect: 'Allow' });
    expect(Object.keys(r)).toEqual(['id', 'decision', 'explain', 'diagnostics', 'expected', 'pass']);
    const copy = { ...r };
    expect(copy.explain.summary).toContain('identity-based policies allow it');
    expect(Object.getOwnPropertyDescriptor(r, 'explain')).toHaveProperty('value'); // built once, then kept
    const other = authorize(input());
    other.explain = copy.explain;
    expect(other.explain).toBe(copy.explain);
  });

  it('names the unresolved values of an Unknown before the explanation, as before', () => {
    const bucket = unresolvedMarker('Fn::ImportValue:shared-Bucket');
    const r = authorize({
      policies: {
        identity: [
          { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*` }] },
        ],
      },
      request: input().request,
    });
    expect(r.decision).toBe('Unknown');
    expect(Object.keys(r)).toEqual(['id', 'decision', 'unresolved', 'explain', 'diagnostics']);
    expect(r.unresolved).toEqual(r.explain.unresolved);
  });
});

describe('authorize: reuse of the same objects, and objects mutated in place', () => {
  it('decides the same object again without compiling it again (same compiled policy)', () => {
    const i = input();
    const a = authorize(i);
    const b = authorize(i);
    expect(b.decision).toBe('Allow');
    expect(b.explain).toEqual(a.explain);
  });

  it('compiles a policy mutated in place again (Allow becomes Deny)', () => {
    const i = input();
    expect(authorize(i).decision).toBe('Allow');
    (i.policies.identity![0] as { Statement: { Effect: string }[] }).Statement[0]!.Effect = 'Deny';
    expect(authorize(i).decision).toBe('ExplicitDeny');
  });

  it('sees a statement added, a key removed, and keys reordered', () => {
    const policy = photos() as { Version?: string; Statement: Record<string, unknown>[] };
    const i: AuthorizeInput = { policies: { identity: [policy] }, request: input().request };
    expect(authorize(i).decision).toBe('Allow');
    policy.Statement.push({ Effect: 'Deny', Action: 's3:*', Resource: '*' });
    expect(authorize(i).decision).toBe('ExplicitDeny');
    policy.Statement.pop();
    delete policy.Version; // variables become literal text: a warning appears
    expect(authorize(i).diagnostics.map((d) => d.code)).toContain('iam_missing_version');
    policy.Version = '2012-10-17';
    expect(authorize(i).diagnostics).toEqual([]);
  });

  it('prepares a request mutated in place again', () => {
    const i = input();
    expect(authorize(i).decision).toBe('Allow');
    i.request.resource = 'arn:aws:s3:::videos/cat.mp4';
    expect(authorize(i).decision).toBe('ImplicitDeny');
    i.request.context!['aws:SourceIp'] = '10.0.0.1';
    expect(authorize(i).explain.resource).toBe('arn:aws:s3:::videos/cat.mp4');
  });

  it('explains the document as it was decided, even when it is mutated before the explanation is read', () => {
    const i = input();
    const r = authorize(i);
    (i.policies.identity![0] as { Statement: { Effect: string }[] }).Statement[0]!.Effect = 'Deny';
    i.request.action = 's3:PutObject';
    expect(r.explain.decision).toBe('Allow');
    expect(r.explain.action).toBe('s3:GetObject');
    expect(r.explain.policies[0]!.statements[0]!.effect).toBe('Allow');
  });

  it('does not cache values that are not plain JSON, and still decides them', () => {
    const policy = { ...photos(), Id: new Date(0) };
    const r = authorize({ policies: { identity: [policy] }, request: input().request });
    expect(r.decision).not.toBe('Allow'); // a Date `Id` is refused by AWS: the policy blocks every Allow
  });
});
