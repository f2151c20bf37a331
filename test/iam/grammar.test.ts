// The policy grammar AWS enforces (issue 9 §3): a policy AWS would refuse to store is an error
// located at file:line:col, and it grants nothing. Table-driven; one end-to-end check per command.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compilePolicy, compilePolicySet, evaluate, prepareRequest, type PolicyKind } from '../../src/iam/index.js';
import type { PolicyDocument } from '../../src/model/types.js';
import { keycard, root } from '../cli/helpers.js';

const doc = (json: unknown): PolicyDocument => ({
  name: 'p',
  json,
  file: 'p.json',
  locate: (path) => ({ file: 'p.json', line: path.length + 1, column: 1 }),
});
const allowAll = { Effect: 'Allow', Action: 's3:*', Resource: '*' };
const big = (n: number) => ({
  Version: '2012-10-17',
  Statement: [{ ...allowAll, Resource: Array.from({ length: n }, (_, i) => `arn:aws:s3:::bucket-${i}/*`) }],
});

const refused: [string, unknown, string, PolicyKind?][] = [
  [
    'Condition at the top level',
    { Version: '2012-10-17', Statement: [allowAll], Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
    'iam_misplaced_field',
  ],
  ['Principal at the top level', { Version: '2012-10-17', Statement: [allowAll], Principal: '*' }, 'iam_misplaced_field'],
  ['unknown top-level key', { Version: '2012-10-17', Statement: [allowAll], Comment: 'x' }, 'iam_unknown_policy_field'],
  ['unknown statement key', { Version: '2012-10-17', Statement: [{ ...allowAll, Sidd: 'x' }] }, 'iam_unknown_statement_field'],
  ['non-string Id', { Version: '2012-10-17', Id: 7, Statement: [allowAll] }, 'iam_bad_id'],
  ['non-string Sid', { Version: '2012-10-17', Statement: [{ ...allowAll, Sid: 1 }] }, 'iam_bad_sid'],
  [
    'duplicate Sids',
    {
      Version: '2012-10-17',
      Statement: [
        { ...allowAll, Sid: 'A' },
        { ...allowAll, Sid: 'A' },
      ],
    },
    'iam_duplicate_sid',
  ],
  ['Sid with a space in an identity policy', { Version: '2012-10-17', Statement: [{ ...allowAll, Sid: 'Allow reads' }] }, 'iam_bad_sid'],
  ['empty Statement', { Version: '2012-10-17', Statement: [] }, 'iam_empty_statement'],
  ['Resource that is not an ARN', { Version: '2012-10-17', Statement: [{ ...allowAll, Resource: 'photos/*' }] }, 'iam_bad_resource'],
  [
    'one malformed statement among good ones',
    { Version: '2012-10-17', Statement: [allowAll, { Effect: 'Allow', Action: 's3:GetObject' }] },
    'iam_malformed_statement',
  ],
  [
    'unknown operator',
    { Version: '2012-10-17', Statement: [{ ...allowAll, Condition: { StringEqualz: { 'aws:username': 'a' } } }] },
    'iam_unknown_operator',
  ],
  ['identity policy over 10,240 characters', big(400), 'iam_policy_too_large'],
  ['permissions boundary over 6,144 characters', big(300), 'iam_policy_too_large', 'boundary'],
  ['SCP over 5,120 characters', big(200), 'iam_policy_too_large', 'scp'],
];

describe('policies AWS refuses to store', () => {
  it.each(refused)('%s', (_name, json, code, kind) => {
    const p = compilePolicy(doc(json), { kind: kind ?? 'identity' });
    const d = p.diagnostics.find((x) => x.code === code);
    expect(d?.severity, JSON.stringify(p.diagnostics.map((x) => x.code))).toBe('error');
    expect(d?.location?.file).toBe('p.json');
    expect(p.broken).toBeDefined();
    // It grants nothing.
    const { set } = compilePolicySet(
      kind === 'boundary'
        ? { identity: [doc({ Version: '2012-10-17', Statement: [allowAll] })], boundary: doc(json) }
        : kind === 'scp'
          ? { identity: [doc({ Version: '2012-10-17', Statement: [allowAll] })], scp: [{ orgIdentifier: 'r', policies: [doc(json)] }] }
          : { identity: [doc(json)] },
    );
    expect(
      evaluate(
        set,
        prepareRequest({ principal: 'arn:aws:iam::111122223333:user/A', action: 's3:GetObject', resource: 'arn:aws:s3:::bucket-1/k' }),
      ).decision,
    ).not.toBe('Allow');
  });
  it('refuses a customer managed policy over 6,144 characters (whitespace not counted), which as an inline policy is accepted', () => {
    const json = big(250);
    const size = JSON.stringify(json).length;
    expect(size).toBeGreaterThan(6_144);
    expect(size).toBeLessThan(10_240);
    const managed = compilePolicy({ ...doc(json), customerManaged: true });
    const d = managed.diagnostics.find((x) => x.code === 'iam_policy_too_large');
    expect(d?.severity).toBe('error');
    expect(d?.message).toContain(`customer managed policy is ${size} characters; AWS accepts at most 6144`);
    expect(managed.broken).toBeDefined();
    expect(compilePolicy(doc(json)).broken).toBeUndefined();
    // Indentation is not counted: the same policy just under the limit is accepted.
    const under = big(210);
    expect(JSON.stringify(under).length).toBeLessThanOrEqual(6_144);
    expect(JSON.stringify(under, null, 8).length).toBeGreaterThan(6_144);
    expect(compilePolicy({ ...doc(under), customerManaged: true }).broken).toBeUndefined();
  });
  it('accepts a Sid with spaces in an S3 bucket policy, and a trust policy between the default and the raised limit with a warning', () => {
    const bucket = compilePolicy(doc({ Version: '2012-10-17', Statement: [{ ...allowAll, Principal: '*', Sid: 'Public read' }] }), {
      kind: 'resource',
    });
    expect(bucket.broken).toBeUndefined();
    const trust = compilePolicy(
      doc({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: Array.from({ length: 60 }, (_, i) => `arn:aws:iam::111122223333:role/r${i}`) },
            Action: 'sts:AssumeRole',
          },
        ],
      }),
      { kind: 'trust' },
    );
    expect(trust.diagnostics.map((d) => [d.code, d.severity])).toEqual([['iam_policy_too_large', 'warning']]);
    expect(trust.broken).toBeUndefined();
  });
});

describe('every command shows the error at file:line:col', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keycard-grammar-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  for (const f of ['keycard.yaml', 'policies', 'scenarios']) cpSync(join(root, f), join(dir, f), { recursive: true });
  const guest = join(dir, 'policies/guest.json');
  const json = JSON.parse(readFileSync(guest, 'utf8'));
  writeFileSync(guest, JSON.stringify({ ...json, Condition: { Bool: { 'aws:SecureTransport': 'true' } } }, null, 2));
  it.each([
    ['can', ['can', 's3:GetObject', 'arn:aws:s3:::photoshare-media/public/cat.jpg']],
    ['access', ['access']],
    ['test', ['test']],
    ['validate', ['validate']],
  ])('%s', async (_name, args) => {
    const r = await keycard(args, { cwd: dir });
    expect(r.stdout + r.stderr).toMatch(/policies[\\/]guest\.json:\d+:\d+: error\[iam_misplaced_field\]/);
    expect(r.stdout).not.toMatch(/^Allow: s3:GetObject/m);
  });
});
