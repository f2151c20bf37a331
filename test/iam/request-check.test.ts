// Requests written by people (scenario lines, `keycard can`): unknown actions and malformed ARNs
// are errors with "did you mean", so a `deny:` line with a typo can fail.
import { describe, expect, it } from 'vitest';
import { checkRequest } from '../../src/catalog/request-check.js';

const cases: [string, string, string[], string?][] = [
  ['s3:GetObject', 'arn:aws:s3:::b/k', []],
  ['s3:ListAllMyBuckets', '*', []],
  ['kms:Decrypt', 'arn:aws:kms:us-east-1:111122223333:key/k1', []],
  ['s3:DeleteObjekt', 'arn:aws:s3:::b/k', ['request_unknown_action'], 'did you mean `s3:DeleteObject`?'],
  ['s4:GetObject', 'arn:aws:s3:::b/k', ['request_unknown_action'], 'did you mean `s3:GetObject`?'],
  ['s3:Get*', 'arn:aws:s3:::b/k', ['request_bad_action']],
  ['s3:GetObject', 'b/k', ['request_bad_resource'], 'did you mean `arn:aws:s3:::b/k`?'],
  ['s3:GetObject', 'arn:aws:s3:b/k', ['request_bad_resource']],
  ['s3:GetObject', 'arn:aws:s3:::', ['request_bad_resource']],
];

describe('checkRequest', () => {
  it.each(cases)('%s %s', (action, resource, codes, help) => {
    const d = checkRequest(action, resource, { file: 'f.yaml', line: 3, column: 7 });
    expect(d.map((x) => x.code)).toEqual(codes);
    if (help) expect(d[0]!.help).toBe(help);
    for (const x of d) expect(x.location).toEqual({ file: 'f.yaml', line: 3, column: 7 });
  });
});
