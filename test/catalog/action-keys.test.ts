import { describe, expect, it } from 'vitest';
import { actionCarriesKey } from '../../src/catalog/index.js';

// [action, key, what the Service Authorization Reference says]
const CASES: [string, string, boolean | undefined][] = [
  ['s3:GetObject', 's3:prefix', false], // s3:prefix is a key of the listing actions
  ['s3:ListBucket', 's3:prefix', true],
  ['S3:LISTBUCKET', 'S3:Prefix', true], // case-insensitive, as IAM is
  ['s3:GetObject', 's3:ExistingObjectTag/team', true], // `<key>` matches any tag key
  ['s3:PutObject', 's3:RequestObjectTag/team', true],
  ['s3:GetObject', 's3:RequestObjectTag/team', false],
  ['s3:PutObject', 's3:x-amz-acl', true],
  ['s3:GetObject', 'aws:ResourceTag/team', true], // listed on the object resource type
  ['ec2:RunInstances', 'iam:ResourceTag/status', false],
  ['s3:GetObject', 'aws:SourceIp', undefined], // a global key: the global keys table decides
  ['nosuch:Action', 's3:prefix', undefined], // an action the catalog does not know
];

describe('actionCarriesKey', () => {
  it.each(CASES)('%s carries %s: %s', (action, key, expected) => {
    expect(actionCarriesKey(action, key)).toBe(expected);
  });
});
