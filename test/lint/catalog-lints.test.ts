// The catalog lints of issue 13 (condition keys an action never carries, operator types, resource
// types, actions on no resource of the statement): which statements they report, and above all the
// ones they must leave alone (global keys, wildcards, variables, unresolved values, NotAction...).
import { describe, expect, it } from 'vitest';
import { compiledOnce } from '../../src/iam/index.js';
import { LINT_RULES } from '../../src/lint/registry.js';
import type { LintContext } from '../../src/lint/context.js';
import type { PolicyKind } from '../../src/iam/index.js';
import type { PolicyDocument, Project } from '../../src/model/types.js';
import { unresolvedMarker } from '../../src/model/unresolved.js';

const RULES = new Set([
  'condition-key-not-carried',
  'condition-operator-type',
  'resource-type-unknown',
  'action-resource-mismatch',
  's3-prefix-condition',
  's3-resource-type',
]);

/** The codes the catalog lints report for one statement. */
function codes(statement: Record<string, unknown>, kind: PolicyKind = 'identity'): string[] {
  const doc: PolicyDocument = {
    name: 'test',
    json: { Version: '2012-10-17', Statement: [statement] },
    file: 'test.json',
    locate: () => undefined,
  };
  const project = { managedPolicies: new Map(), imports: undefined } as unknown as Project;
  const ctx = {
    project,
    policies: [{ doc, kind, compiled: compiledOnce(doc, kind), forRole: true, anchors: [] }],
    providers: [],
    authenticatedRoles: new Set(),
  } as unknown as LintContext;
  return LINT_RULES.filter((r) => RULES.has(r.name)).flatMap((r) => r.run(ctx).map((f) => f.code));
}

const allow = (Action: unknown, Resource: unknown, Condition?: unknown) => ({
  Effect: 'Allow',
  Action,
  Resource,
  ...(Condition ? { Condition } : {}),
});
const OBJECTS = 'arn:aws:s3:::b/*';

describe('iam_condition_key_not_carried and iam_condition_key_absent_grants', () => {
  it.each([
    [
      'a service key of another service',
      allow('s3:GetObject', OBJECTS, { StringEquals: { 'iam:ResourceTag/status': 'prod' } }),
      ['iam_condition_key_not_carried'],
    ],
    [
      'the issue example',
      allow(['ec2:*', 's3:*'], '*', { StringNotEquals: { 'iam:ResourceTag/status': 'prod' } }),
      ['iam_condition_key_absent_grants'],
    ],
    [
      'IfExists holds when absent',
      allow('s3:GetObject', OBJECTS, { StringEqualsIfExists: { 'iam:ResourceTag/s': 'x' } }),
      ['iam_condition_key_absent_grants'],
    ],
    [
      'ForAllValues holds when absent',
      allow('s3:GetObject', OBJECTS, { 'ForAllValues:StringEquals': { 'iam:ResourceTag/s': 'x' } }),
      ['iam_condition_key_absent_grants'],
    ],
    [
      'ForAnyValue fails when absent',
      allow('s3:GetObject', OBJECTS, { 'ForAnyValue:StringNotEquals': { 'iam:ResourceTag/s': 'x' } }),
      ['iam_condition_key_not_carried'],
    ],
    [
      'a negated Deny applies regardless',
      { ...allow('s3:GetObject', OBJECTS, { StringNotEquals: { 'iam:ResourceTag/s': 'x' } }), Effect: 'Deny' },
      ['iam_condition_key_not_carried'],
    ],
    [
      's3:prefix keeps its S3 code',
      allow('s3:GetObject', OBJECTS, { StringLike: { 's3:prefix': 'public/*' } }),
      ['s3_prefix_on_object_action'],
    ],
    [
      'a negated s3:prefix grants',
      allow('s3:GetObject', OBJECTS, { StringNotLike: { 's3:prefix': 'private/*' } }),
      ['iam_condition_key_absent_grants'],
    ],
    [
      'a tag key the action lacks',
      allow('kms:CreateGrant', '*', { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['env'] } }),
      ['iam_condition_key_not_carried'],
    ],
    ['a key some covered action carries', allow('s3:*', '*', { StringLike: { 's3:prefix': 'public/*' } }), []],
    ['a global key', allow('s3:GetObject', OBJECTS, { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }), []],
    [
      'a tag key the action carries',
      allow('s3:PutObjectTagging', OBJECTS, { 'ForAllValues:StringEquals': { 's3:RequestObjectTagKeys': ['a'] } }),
      [],
    ],
    ['Action *', allow('*', '*', { StringEquals: { 'iam:ResourceTag/s': 'x' } }), []],
    ['an unknown service', allow('foo:Bar', '*', { StringEquals: { 'iam:ResourceTag/s': 'x' } }), []],
    ['NotAction', { Effect: 'Allow', NotAction: 'iam:*', Resource: '*', Condition: { StringEquals: { 'iam:ResourceTag/s': 'x' } } }, []],
    ['a `tag-key` spelling of the data', allow('ssm:SendCommand', '*', { StringEquals: { 'ssm:resourceTag/env': 'prod' } }), []],
    [
      'an action the catalog lists without keys',
      allow('aws-marketplace:Subscribe', '*', { 'ForAnyValue:StringEquals': { 'aws-marketplace:ProductId': ['p'] } }),
      [],
    ],
    [
      'a key requests to other services carry',
      allow('s3:GetObject', OBJECTS, { StringEquals: { 'ec2:SourceInstanceARN': 'arn:aws:ec2:us-east-1:1:instance/i-1' } }),
      [],
    ],
    [
      'a prefix several services share',
      allow('elasticloadbalancing:AddTags', '*', { StringEquals: { 'elasticloadbalancing:ResourceTag/s': 'x' } }),
      [],
    ],
    ['Null', allow('s3:GetObject', OBJECTS, { Null: { 'iam:ResourceTag/s': 'true' } }), []],
  ])('%s', (_name, statement, want) => expect(codes(statement)).toEqual(want));

  it('leaves web-identity keys of trust policies alone', () => {
    const trust = {
      Effect: 'Allow',
      Principal: { Federated: 'cognito-identity.amazonaws.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:x' } },
    };
    expect(codes(trust, 'trust')).toEqual([]);
  });
});

describe('iam_condition_operator_type', () => {
  it.each([
    [{ StringEquals: { 's3:signatureage': '600000' } }, ['iam_condition_operator_type']],
    [{ StringEquals: { 'aws:SecureTransport': 'true' } }, ['iam_condition_operator_type']],
    [{ NumericLessThan: { 'aws:username': '3' } }, ['iam_condition_operator_type']],
    [{ DateGreaterThan: { 'aws:username': '2020-01-01T00:00:00Z' } }, ['iam_condition_operator_type']],
    [{ NumericLessThanIfExists: { 's3:signatureage': '600000' } }, []],
    [{ Bool: { 'aws:SecureTransport': 'true' } }, []],
    [{ NumericGreaterThan: { 'aws:EpochTime': '1700000000' } }, []],
    [{ DateGreaterThan: { 'aws:EpochTime': '2020-01-01T00:00:00Z' } }, []],
    [{ StringLike: { 'aws:SourceIp': '10.*' } }, []],
    [{ ArnLike: { 'aws:username': 'arn:*' } }, []],
    [{ StringEquals: { 'aws:unknownKeyOfNobody': 'x' } }, []],
  ])('%o', (condition, want) => expect(codes(allow('s3:GetObject', OBJECTS, condition))).toEqual(want));
});

describe('iam_resource_type_unknown and iam_action_resource_mismatch', () => {
  it.each([
    ['a fake resource type', allow('ec2:RunInstances', 'arn:aws:ec2:*:123456789012:fake_resource_type/*'), ['iam_resource_type_unknown']],
    [
      'an action on another service',
      allow('lambda:InvokeFunction', 'arn:aws:dynamodb:us-east-1:1:table/T'),
      ['iam_action_resource_mismatch'],
    ],
    ['a pattern none of whose actions fit', allow('dynamodb:*', OBJECTS), ['iam_action_resource_mismatch']],
    ['ListBucket on objects keeps its S3 code', allow('s3:ListBucket', OBJECTS), ['s3_bucket_action_on_object_arn']],
    ['GetObject on buckets keeps its S3 code', allow('s3:GetObject', 'arn:aws:s3:::b'), ['s3_object_action_on_bucket_arn']],
    ['a pattern some of whose actions fit', allow('s3:Get*', OBJECTS), []],
    ['a wildcard-only action (`arn:aws:s3:::*` in AWS examples)', allow('s3:ListAllMyBuckets', 'arn:aws:s3:::*'), []],
    ['a policy variable', allow('s3:GetObject', 'arn:aws:s3:::b/${aws:username}/*'), []],
    ['a star that crosses colons', allow('logs:GetLogEvents', 'arn:aws:logs:*:*:/aws-glue/*'), []],
    ['a log group with its `:*`', allow('logs:CreateLogStream', 'arn:aws:logs:us-east-1:1:log-group:/aws/lambda/f:*'), []],
    ['a function version', allow('lambda:InvokeFunction', 'arn:aws:lambda:us-east-1:1:function:f:*'), []],
    ['a service the catalog lacks', allow('s3:GetObject', 'arn:aws:nosuchservice:us-east-1:1:thing/x'), []],
    ['a wildcard service segment', allow('s3:GetObject', 'arn:aws:*:*:*:*'), []],
    ['arn:*', allow('s3:GetObject', 'arn:*'), []],
    ['an unresolved value', allow('lambda:InvokeFunction', `arn:aws:dynamodb:us-east-1:1:table/${unresolvedMarker('Table')}`), []],
    ['NotResource', { Effect: 'Allow', Action: 'lambda:InvokeFunction', NotResource: 'arn:aws:dynamodb:us-east-1:1:table/T' }, []],
    [
      'a prefix several services share',
      allow('elasticloadbalancing:AddTags', 'arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/t/1'),
      [],
    ],
    [
      'a resource of no known type is reported once',
      allow('ec2:RunInstances', 'arn:aws:ec2:us-east-1:1:fake/x'),
      ['iam_resource_type_unknown'],
    ],
  ])('%s', (_name, statement, want) => expect(codes(statement)).toEqual(want));
});
