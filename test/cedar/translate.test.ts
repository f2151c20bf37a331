/** The IAM→Cedar translator: what it refuses (with positions), what it generates, and that the output validates. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { authorizeWithCedarSync } from '../../src/cedar/engines.js';
import { s3Schema, catalogContextViews } from '../../src/cedar/translate/schema.js';
import { translateDocument } from '../../src/cedar/translate/document.js';
import { loadCedar, validateStrict, type CedarSchemaInput } from '../../src/cedar/wasm.js';
import { loadAuthorizeFile, type AuthorizeDocument } from '../../src/load/authorize.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/cedar');
const docs = loadAuthorizeFile(join(FIXTURES, 'untranslatable.yaml')).filter((d): d is AuthorizeDocument => 'policies' in d);
const expected = parse(readFileSync(join(FIXTURES, 'untranslatable.expected.yaml'), 'utf8')) as Record<
  string,
  { message: string; line?: number }
>;

beforeAll(async () => {
  await loadCedar();
});

describe('constructs Cedar cannot express', () => {
  it.each(docs.map((d) => [d.id, d] as const))('%s is reported, not guessed', (id, doc) => {
    const r = authorizeWithCedarSync(doc);
    expect('untranslatable' in r).toBe(true);
    const reasons = (r as { untranslatable: { message: string; location?: { line: number; file: string } }[] }).untranslatable;
    const want = expected[id]!;
    const hit = reasons.find((d) => d.message === want.message);
    expect(hit, JSON.stringify(reasons)).toBeDefined();
    if (want.line !== undefined) expect(hit!.location).toMatchObject({ line: want.line, file: join(FIXTURES, 'untranslatable.yaml') });
  });
});

describe('generated policies', () => {
  const doc = (statement: Record<string, unknown>, context: Record<string, string | string[]> = {}): AuthorizeDocument => ({
    id: 't',
    file: 't',
    index: 0,
    policies: {
      identity: [{ name: 'p', file: 'p', json: { Version: '2012-10-17', Statement: [statement] }, locate: () => undefined }],
      session: [],
      scp: [],
      rcp: [],
    },
    request: {
      principal: 'arn:aws:iam::111122223333:user/alice',
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::b/home/alice/x',
      resourceAccount: '111122223333',
      context,
    },
  });

  it('guards every context access with `has`, so a Deny never errors into an Allow', () => {
    const t = translateDocument(
      doc({ Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { StringNotEquals: { 'aws:SourceVpc': 'vpc-1' } } }),
    );
    expect(Object.values(t.policies)[0]).toContain('context has "aws:sourcevpc"');
    const r = authorizeWithCedarSync(
      doc({ Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { StringNotEquals: { 'aws:SourceVpc': 'vpc-1' } } }),
      { validate: true },
    );
    expect(r).toMatchObject({ decision: 'ExplicitDeny' });
  });

  it('substitutes variables per request and keeps substituted values literal', () => {
    const t = translateDocument(
      doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/home/${aws:username}/*' }, { 'aws:username': 'al*ce' }),
    );
    expect(Object.values(t.policies)[0]).toContain('resource.s5 like "b/home/al\\*ce/*"');
  });

  it('validates strictly against the schema generated from the catalog', () => {
    const t = translateDocument(
      doc(
        {
          Effect: 'Allow',
          Action: ['s3:Get*', 's3:List*'],
          Resource: 'arn:aws:s3:::b/*',
          Condition: {
            IpAddress: { 'aws:SourceIp': '10.0.0.0/8' },
            DateLessThan: { 'aws:CurrentTime': '2030-01-01' },
            'ForAnyValue:StringEquals': { 'aws:TagKeys': ['a'] },
          },
        },
        { 'aws:SourceIp': '10.1.2.3' },
      ),
    );
    const views = new Map([...catalogContextViews(), ...t.views]);
    expect(validateStrict(s3Schema(views) as CedarSchemaInput, { texts: t.policies })).toEqual([]);
  });
});
