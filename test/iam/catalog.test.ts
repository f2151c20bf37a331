// The catalog reads iam-data: actions, wildcard-only flags, condition-key types, suggestions.
import { describe, expect, it } from 'vitest';
import { actionInfo, allS3Actions, conditionKeyType, isMultiValuedKey, isWildcardOnly, suggestAction } from '../../src/catalog/index.js';

describe('catalog', () => {
  it('knows S3 actions case-insensitively', () => {
    expect(actionInfo('S3:getobject')).toMatchObject({
      action: 's3:GetObject',
      accessLevel: 'Read',
      resourceTypes: expect.arrayContaining(['object']),
    });
    expect(actionInfo('s3:ListBucket')!.resourceTypes).toContain('bucket');
    expect(actionInfo('s3:NoSuchThing')).toBeUndefined();
    expect(allS3Actions().length).toBeGreaterThan(100);
    expect(allS3Actions()).toContain('s3:PutObject');
  });
  it.each([
    ['s3:ListAllMyBuckets', true],
    ['s3:GetObject', false],
    ['iam:GetOrganizationsAccessReport', true],
    ['nosuch:Thing', false],
  ])('isWildcardOnly(%s) = %s', (action, expected) => {
    expect(isWildcardOnly(action)).toBe(expected);
  });
  it.each([
    ['aws:SourceIp', 'IPAddress'],
    ['aws:PrincipalTag/team', 'String'],
    ['AWS:CurrentTime', 'Date'],
    ['s3:max-keys', 'Numeric'],
    ['s3:RequestObjectTagKeys', 'ArrayOfString'],
    ['s3:ExistingObjectTag/env', 'String'],
    ['cognito-identity.amazonaws.com:aud', 'String'],
  ])('conditionKeyType(%s) = %s', (key, type) => {
    expect(conditionKeyType(key)).toBe(type);
  });
  it('marks multivalued keys', () => {
    expect(isMultiValuedKey('aws:TagKeys')).toBe(true);
    expect(isMultiValuedKey('aws:SourceIp')).toBe(false);
  });
  it('suggests the closest action', () => {
    expect(suggestAction('s3:GetObjekt')).toBe('s3:GetObject');
    expect(suggestAction('s4:GetObject')).toBe('s3:GetObject');
  });
});
