/**
 * The two session policies Cognito passes when it assumes the unauthenticated role in the enhanced
 * flow (cognito-reference §1.9.1): an inline scope-down policy and the AWS managed policy
 * AmazonCognitoUnAuthedIdentitiesSessionPolicy. The action lists are the documented ones.
 */
import type { PolicyDocument } from '../model/types.js';
import type { SessionPolicyRef } from './types.js';

const INLINE_ACTIONS = [
  'cloudwatch:*',
  'logs:*',
  'dynamodb:*',
  'kinesis:*',
  'mobileanalytics:*',
  's3:*',
  'ses:*',
  'sns:*',
  'sqs:*',
  'lambda:*',
  'machinelearning:*',
  'execute-api:*',
  'iot:*',
  'gamelift:*',
  'cognito-identity:*',
  'cognito-idp:*',
  'lex:*',
  'polly:*',
  'comprehend:*',
  'translate:*',
  'transcribe:*',
  'rekognition:*',
  'mobiletargeting:*',
  'firehose:*',
  'appsync:*',
  'personalize:*',
  'sagemaker:InvokeEndpoint',
  'cognito-sync:*',
  'codewhisperer:*',
  'textract:DetectDocumentText',
  'textract:AnalyzeDocument',
  'sdb:*',
];

/** Left out of the inline policy outside the Regions enabled by default. */
const NOT_IN_OPT_IN_REGIONS = new Set([
  'cognito-sync:*',
  'sumerian:View*',
  'codewhisperer:*',
  'textract:DetectDocumentText',
  'textract:AnalyzeDocument',
  'sdb:*',
]);

const MANAGED_ACTIONS = [
  'rum:PutRumEvents',
  'polly:*',
  'comprehend:*',
  'translate:*',
  'transcribe:*',
  'rekognition:*',
  'mobiletargeting:*',
  'firehose:*',
  'personalize:*',
  'sagemaker:InvokeEndpoint',
  'geo:GetMap*',
  'geo:SearchPlaceIndex*',
  'geo:GetPlace',
  'geo:CalculateRoute*',
  'geo:*Geofence',
  'geo:*Geofences',
  'geo:*DevicePosition*',
  'kms:Encrypt',
  'kms:Decrypt',
  'kms:ReEncryptTo',
  'kms:ReEncryptFrom',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyPair',
  'kms:GenerateDataKeyPairWithoutPlaintext',
  'kms:GenerateDataKeyWithoutPlaintext',
];

/** Commercial Regions enabled by default in every account (the rest are opt-in). */
const DEFAULT_REGIONS = new Set([
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'sa-east-1',
  'eu-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-north-1',
  'ap-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-southeast-1',
  'ap-southeast-2',
]);

const SCOPE_DOWN_FILE = '<cognito scope-down>';
const UNAUTHED_SESSION_POLICY_NAME = 'AmazonCognitoUnAuthedIdentitiesSessionPolicy';
export const UNAUTHED_SESSION_POLICY_ARN = `arn:aws:iam::aws:policy/${UNAUTHED_SESSION_POLICY_NAME}`;

function document(name: string, actions: string[], resource: string | string[]): PolicyDocument {
  return {
    name,
    json: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: resource }] },
    file: SCOPE_DOWN_FILE,
    locate: () => ({ file: SCOPE_DOWN_FILE, line: 1, column: 1 }),
  };
}

export function unauthenticatedSessionPolicies(region: string): SessionPolicyRef[] {
  const inline = DEFAULT_REGIONS.has(region) ? INLINE_ACTIONS : INLINE_ACTIONS.filter((a) => !NOT_IN_OPT_IN_REGIONS.has(a));
  const inlineName = 'Cognito inline scope-down session policy (unauthenticated, enhanced flow)';
  const managedName = `${UNAUTHED_SESSION_POLICY_NAME} (AWS managed session policy)`;
  return [
    { kind: 'inline', name: inlineName, document: document(inlineName, inline, ['*']) },
    { kind: 'managed', name: managedName, arn: UNAUTHED_SESSION_POLICY_ARN, document: document(managedName, MANAGED_ACTIONS, '*') },
  ];
}
