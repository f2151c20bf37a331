// The one-shot authorize: the explanation is built when read (and reads the same as one built at
// once), compiled policies are reused for the same objects and for new objects with the same text,
// and an object mutated in place, or one that only prints like a cached one, is compiled again,
// never answered from another compilation (src/iam/reuse.ts).
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

  it('with `explain: true` (keycard authorize) decides and explains in one evaluation, to the same JSON', () => {
    for (const doc of docs) {
      const once = authorizeDocument(doc, { explain: true });
      expect(Object.getOwnPropertyDescriptor(once, 'explain'), doc.id).toHaveProperty('value');
      expect(JSON.stringify(once), doc.id).toBe(JSON.stringify(authorizeDocument(doc)));
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

describe('authorize: reuse by text, for new objects', () => {
  const fresh = (): AuthorizeInput => JSON.parse(JSON.stringify(input())) as AuthorizeInput;
  const statement = (i: AuthorizeInput) => (i.policies.identity![0] as { Statement: Record<string, unknown>[] }).Statement[0]!;

  it('decides and explains a new object with the text of one compiled before exactly as the first', () => {
    const a = authorize(fresh());
    const b = authorize(fresh());
    expect(b.decision).toBe('Allow');
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('never gives a value that only prints like the cached text the cached result', () => {
    authorize(fresh()); // the plain text is cached (Allow)
    const cases: [string, (s: Record<string, unknown>) => void][] = [
      ['a String object as Resource', (s) => (s.Resource = new String('arn:aws:s3:::photos/*'))],
      ['an Action list holding a String object', (s) => (s.Action = [new String('s3:GetObject')])],
      ['an Effect with a toJSON', (s) => (s.Effect = { toJSON: () => 'Allow' })],
      ['a Date Sid', (s) => (s.Sid = new Date(0))],
    ];
    for (const [what, change] of cases) {
      const i = fresh();
      change(statement(i));
      expect(authorize(i).decision, what).not.toBe('Allow');
    }
  });

  it('keeps a member that holds undefined apart from a missing one (same text, compiled again)', () => {
    const i = fresh();
    statement(i).Condition = undefined;
    const r = authorize(i);
    expect(r.decision).toBe('Allow');
    expect(JSON.stringify(r)).toBe(JSON.stringify(authorize(fresh())));
  });

  it('keeps the names and kinds of policies with the same text apart', () => {
    const named = authorize({ ...fresh(), policies: { identity: [{ name: 'photos-reader', json: photos() }] } });
    expect(named.explain.policies[0]!.name).toBe('photos-reader');
    expect(authorize(fresh()).explain.policies[0]!.name).not.toBe('photos-reader');
    // The same text as a session policy of a role session: no identity policy, so the session alone does not allow.
    const asSession = authorize({ ...fresh(), policies: { session: [photos()] } });
    expect(asSession.decision).toBe('ImplicitDeny');
  });

  it('explains a new object as it was decided, even when it is changed before the explanation is read', () => {
    const i = fresh();
    const r = authorize(i);
    statement(i).Effect = 'Deny';
    i.request.action = 's3:PutObject';
    expect(r.explain.action).toBe('s3:GetObject');
    expect(r.explain.policies[0]!.statements[0]!.effect).toBe('Allow');
    expect(authorize(i).decision).toBe('ImplicitDeny'); // the changed object, decided again
  });
});
