// Diagnostics of the compile step: codes, severities, did-you-mean and locations.
import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../../src/iam/compile.js';
import { parseSource } from '../../src/load/source.js';

function compile(yaml: string, kind: 'identity' | 'resource' = 'identity') {
  const src = parseSource(yaml, 'policy.yaml');
  return compilePolicy({ name: 'p', json: src.value, file: 'policy.yaml', locate: src.locate }, { kind });
}

const cases: { name: string; yaml: string; code: string; severity: string; line: number; help?: RegExp }[] = [
  {
    name: 'unknown action with suggestion',
    yaml: "Version: '2012-10-17'\nStatement:\n  - Effect: Allow\n    Action: s3:GetObjekt\n    Resource: '*'\n",
    code: 'iam_unknown_action',
    severity: 'warning',
    line: 4,
    help: /s3:GetObject/,
  },
  {
    name: 'unknown operator',
    yaml: "Version: '2012-10-17'\nStatement:\n  - Effect: Allow\n    Action: s3:GetObject\n    Resource: '*'\n    Condition:\n      StringEqualz: {a:b: c}\n",
    code: 'iam_unknown_operator',
    severity: 'error',
    line: 7,
    help: /StringEquals/,
  },
  {
    name: 'bad effect',
    yaml: "Version: '2012-10-17'\nStatement:\n  - Effect: allow\n    Action: s3:GetObject\n    Resource: '*'\n",
    code: 'iam_bad_effect',
    severity: 'error',
    line: 3,
  },
  {
    name: 'principal in identity policy',
    yaml: "Version: '2012-10-17'\nStatement:\n  - Effect: Allow\n    Principal: '*'\n    Action: s3:GetObject\n    Resource: '*'\n",
    code: 'iam_principal_not_allowed',
    severity: 'error',
    line: 4,
  },
  {
    name: 'missing principal in resource policy',
    yaml: "Version: '2012-10-17'\nStatement:\n  - Effect: Allow\n    Action: s3:GetObject\n    Resource: '*'\n",
    code: 'iam_malformed_statement',
    severity: 'error',
    line: 3,
  },
  {
    name: 'unknown version',
    yaml: "Version: '2012-10-18'\nStatement: []\n",
    code: 'iam_bad_version',
    severity: 'error',
    line: 1,
  },
  {
    name: 'multivalued key without set operator',
    yaml: "Version: '2012-10-17'\nStatement:\n  - Effect: Allow\n    Action: s3:PutObjectTagging\n    Resource: '*'\n    Condition:\n      StringEquals: {s3:RequestObjectTagKeys: Owner}\n",
    code: 'iam_multivalued_key_without_set_operator',
    severity: 'warning',
    line: 7,
  },
  {
    name: 'bad numeric value',
    yaml: "Version: '2012-10-17'\nStatement:\n  - Effect: Allow\n    Action: s3:ListBucket\n    Resource: '*'\n    Condition:\n      NumericLessThan: {s3:max-keys: ten}\n",
    code: 'iam_bad_condition_value',
    severity: 'error',
    line: 7,
  },
];

describe('compilePolicy diagnostics', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const policy = compilePolicy(
      { name: 'p', json: parseSource(c.yaml, 'policy.yaml').value, file: 'policy.yaml', locate: parseSource(c.yaml, 'policy.yaml').locate },
      { kind: c.name.includes('resource policy') ? 'resource' : 'identity' },
    );
    const d = policy.diagnostics.find((x) => x.code === c.code);
    expect(d, JSON.stringify(policy.diagnostics)).toBeDefined();
    expect(d!.severity).toBe(c.severity);
    expect(d!.location?.file).toBe('policy.yaml');
    expect(d!.location?.line).toBe(c.line);
    expect(d!.message).toMatch(/^[a-z`]/);
    expect(d!.message).not.toMatch(/\.$/);
    if (c.help) expect(d!.help).toMatch(c.help);
  });

  it('a clean policy has no diagnostics', () => {
    const p = compile(
      "Version: '2012-10-17'\nStatement:\n  - Effect: Allow\n    Action: [s3:GetObject, 's3:List*']\n    Resource: 'arn:aws:s3:::b/*'\n",
    );
    expect(p.diagnostics).toEqual([]);
    expect(p.statements[0]!.location?.line).toBe(3);
  });

  it('non-object policies are broken', () => {
    expect(compile('[1, 2]').broken).toMatch(/not a JSON object/);
  });
});
