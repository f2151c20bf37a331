/**
 * Which global condition keys a request made with Cognito credentials to S3 carries, key by key,
 * from the Availability notes of the IAM page "AWS global condition context keys"
 * (IAM/reference_policies_condition-keys.html). docs/global-condition-keys.md prints this table;
 * a test checks that it names every global key of the catalog and that the code follows it.
 *
 * - `session`: always present, the value fixed by the session (sessionContext builds it);
 * - `resource`: always present, the value fixed by the resource (the request builder sets it);
 * - `request`: present or not as the caller sends the request; keycard lets the user choose
 *   (free-keys.ts) and a scenario line may give it;
 * - `absent`: never present in this request (a condition on it sees a missing key);
 * - `unknown`: present in AWS, but no project file gives its value: keycard leaves it absent,
 *   so a negated Deny on it applies and a positive Allow on it does not (fail closed).
 */
type Presence = 'session' | 'resource' | 'request' | 'absent' | 'unknown';

export interface KeyRow {
  key: string;
  presence: Presence;
  /** The value keycard uses, or why it is absent. */
  value: string;
  /** Where the answer comes from. */
  source: string;
}

const PAGE = 'IAM/reference_policies_condition-keys.html';
const src = (key: string, note: string): string =>
  `${PAGE}#condition-keys-${key.replace(/^aws:/, '').replace(/\/.*$/, '').toLowerCase()}: ${note}`;

/** One row per global key of the catalog (`tag-key` stands for any tag key). */
export const GLOBAL_KEY_TABLE: readonly KeyRow[] = [
  // Principal
  {
    key: 'aws:PrincipalArn',
    presence: 'session',
    value: 'the role ARN (not the session ARN)',
    source: src('aws:PrincipalArn', 'included for all signed requests; for an assumed-role session the value is the role ARN'),
  },
  {
    key: 'aws:PrincipalAccount',
    presence: 'session',
    value: "the role's account",
    source: src('aws:PrincipalAccount', 'included for all signed requests'),
  },
  {
    key: 'aws:PrincipalOrgPaths',
    presence: 'unknown',
    value: 'absent: keycard has no organization path',
    source: src('aws:PrincipalOrgPaths', 'included only when the principal is a member of an organization'),
  },
  {
    key: 'aws:PrincipalOrgID',
    presence: 'unknown',
    value: 'absent: keycard has no organization id',
    source: src('aws:PrincipalOrgID', 'included only when the principal is a member of an organization'),
  },
  {
    key: 'aws:PrincipalTag/tag-key',
    presence: 'session',
    value: "the role's tags, overridden by the session tags Cognito maps from claims",
    source: src(
      'aws:PrincipalTag',
      'for a role session: the tags attached to the role and the session tags; a session tag wins over a role tag with the same key',
    ),
  },
  {
    key: 'aws:PrincipalIsAWSService',
    presence: 'session',
    value: 'false',
    source: src(
      'aws:PrincipalIsAWSService',
      'present in the request context for all signed API requests that use AWS credentials; false for an IAM principal',
    ),
  },
  {
    key: 'aws:PrincipalServiceName',
    presence: 'absent',
    value: 'absent: the caller is not a service principal',
    source: src('aws:PrincipalServiceName', 'included only when the call is made by an AWS service principal'),
  },
  {
    key: 'aws:PrincipalServiceNamesList',
    presence: 'absent',
    value: 'absent: the caller is not a service principal',
    source: src('aws:PrincipalServiceNamesList', 'included only when the call is made by an AWS service principal'),
  },
  {
    key: 'aws:PrincipalType',
    presence: 'session',
    value: 'AssumedRole',
    source: src('aws:PrincipalType', 'included for all signed requests; AssumedRole for a role session'),
  },
  {
    key: 'aws:userid',
    presence: 'session',
    value: '`<RoleId>:CognitoIdentityCredentials`',
    source: src('aws:userid', 'included for all signed requests; role-id:session-name for an assumed role'),
  },
  {
    key: 'aws:username',
    presence: 'absent',
    value: 'absent: only IAM users have a user name',
    source: src('aws:username', 'included only for IAM users'),
  },
  {
    key: 'aws:AssumedRoot',
    presence: 'absent',
    value: 'absent: not a root session',
    source: src('aws:AssumedRoot', 'included only for sessions made with sts:AssumeRoot'),
  },
  {
    key: 'aws:FederatedProvider',
    presence: 'session',
    value: 'cognito-identity.amazonaws.com',
    source: src('aws:FederatedProvider', 'included for roles assumed through web identity federation (AssumeRoleWithWebIdentity)'),
  },
  {
    key: 'aws:TokenIssueTime',
    presence: 'session',
    value: 'the request time (credentials just issued)',
    source: src('aws:TokenIssueTime', 'included only when the principal uses temporary credentials'),
  },
  {
    key: 'aws:MultiFactorAuthAge',
    presence: 'absent',
    value: 'absent: Cognito credentials are not MFA-authenticated STS credentials',
    source: src('aws:MultiFactorAuthAge', 'included only when the temporary credentials were created with MFA'),
  },
  {
    key: 'aws:MultiFactorAuthPresent',
    presence: 'session',
    value: 'false',
    source: src(
      'aws:MultiFactorAuthPresent',
      '"This key is included in the request context only when the principal uses temporary credentials … Temporary credentials are used to authenticate IAM roles, federated users…"; Cognito credentials are temporary and not from MFA',
    ),
  },
  {
    key: 'aws:ChatbotSourceArn',
    presence: 'absent',
    value: 'absent: not an AWS Chatbot session',
    source: src('aws:ChatbotSourceArn', 'included only for requests through AWS Chatbot'),
  },
  {
    key: 'aws:Ec2InstanceSourceVpc',
    presence: 'absent',
    value: 'absent: not EC2 instance role credentials',
    source: src('aws:Ec2InstanceSourceVpc', 'included only for EC2 instance role credentials'),
  },
  {
    key: 'aws:Ec2InstanceSourcePrivateIPv4',
    presence: 'absent',
    value: 'absent: not EC2 instance role credentials',
    source: src('aws:Ec2InstanceSourcePrivateIPv4', 'included only for EC2 instance role credentials'),
  },
  {
    key: 'aws:SourceIdentity',
    presence: 'absent',
    value: 'absent: Cognito sets no source identity',
    source: src('aws:SourceIdentity', 'included only when a source identity was set when the role was assumed'),
  },
  {
    key: 'ec2:RoleDelivery',
    presence: 'absent',
    value: 'absent: not EC2 instance role credentials',
    source: src('ec2:RoleDelivery', 'included only for EC2 instance role credentials'),
  },
  {
    key: 'ec2:SourceInstanceArn',
    presence: 'absent',
    value: 'absent: not EC2 instance role credentials',
    source: src('ec2:SourceInstanceArn', 'included only for EC2 instance role credentials'),
  },
  {
    key: 'glue:RoleAssumedBy',
    presence: 'absent',
    value: 'absent: not AWS Glue credentials',
    source: src('glue:RoleAssumedBy', 'included only for roles that AWS Glue assumes'),
  },
  {
    key: 'glue:CredentialIssuingService',
    presence: 'absent',
    value: 'absent: not AWS Glue credentials',
    source: src('glue:CredentialIssuingService', 'included only for AWS Glue service role credentials'),
  },
  {
    key: 'lambda:SourceFunctionArn',
    presence: 'absent',
    value: 'absent: not Lambda execution role credentials',
    source: src('lambda:SourceFunctionArn', 'included only for Lambda execution role credentials'),
  },
  {
    key: 'ssm:SourceInstanceArn',
    presence: 'absent',
    value: 'absent: not Systems Manager credentials',
    source: src('ssm:SourceInstanceArn', 'included only for Systems Manager managed instance credentials'),
  },
  {
    key: 'identitystore:UserId',
    presence: 'absent',
    value: 'absent: not an IAM Identity Center session',
    source: src('identitystore:UserId', 'included only for identity-enhanced IAM Identity Center sessions'),
  },
  // Network
  {
    key: 'aws:SourceIp',
    presence: 'request',
    value: "the caller's public IP (the user's choice; absent through a VPC endpoint)",
    source: src('aws:SourceIp', 'included except when the request comes through a VPC endpoint'),
  },
  {
    key: 'aws:SourceVpc',
    presence: 'request',
    value: "present only through a VPC endpoint (the user's choice)",
    source: src('aws:SourceVpc', 'included only when the request comes through a VPC endpoint'),
  },
  {
    key: 'aws:SourceVpcArn',
    presence: 'request',
    value: "present only through a VPC endpoint (the user's choice)",
    source: src('aws:SourceVpcArn', 'included only when the request comes through a VPC endpoint'),
  },
  {
    key: 'aws:SourceVpce',
    presence: 'request',
    value: "present only through a VPC endpoint (the user's choice)",
    source: src('aws:SourceVpce', 'included only when the request comes through a VPC endpoint'),
  },
  {
    key: 'aws:VpceAccount',
    presence: 'request',
    value: "present only through a VPC endpoint (the user's choice)",
    source: src('aws:VpceAccount', 'included only when the request comes through a VPC endpoint'),
  },
  {
    key: 'aws:VpceOrgPaths',
    presence: 'request',
    value: "present only through a VPC endpoint (the user's choice)",
    source: src('aws:VpceOrgPaths', 'included only when the request comes through a VPC endpoint'),
  },
  {
    key: 'aws:VpceOrgID',
    presence: 'request',
    value: "present only through a VPC endpoint (the user's choice)",
    source: src('aws:VpceOrgID', 'included only when the request comes through a VPC endpoint'),
  },
  {
    key: 'aws:VpcSourceIp',
    presence: 'request',
    value: "present only through a VPC endpoint (the user's choice)",
    source: src('aws:VpcSourceIp', 'included only when the request comes through a VPC endpoint'),
  },
  // Resource
  {
    key: 'aws:ResourceAccount',
    presence: 'resource',
    value: "the bucket's account (the access point's, through an access point)",
    source: src('aws:ResourceAccount', '"always included in the request context for most service actions", S3 included'),
  },
  {
    key: 'aws:ResourceOrgID',
    presence: 'unknown',
    value: 'absent: keycard has no organization id',
    source: src('aws:ResourceOrgID', "included only when the resource's account is a member of an organization"),
  },
  {
    key: 'aws:ResourceOrgPaths',
    presence: 'unknown',
    value: 'absent: keycard has no organization path',
    source: src('aws:ResourceOrgPaths', "included only when the resource's account is a member of an organization"),
  },
  {
    key: 'aws:ResourceTag/tag-key',
    presence: 'request',
    value: "the bucket's tags: keycard has none, so the user may choose them",
    source: src('aws:ResourceTag', 'included when the resource has tags and the service supports them'),
  },
  // Request
  {
    key: 'aws:CalledVia',
    presence: 'request',
    value: "present only when a service calls S3 on the user's behalf (the user's choice)",
    source: src('aws:CalledVia', "included only when a service makes the request with the caller's credentials (forward access sessions)"),
  },
  { key: 'aws:CalledViaFirst', presence: 'request', value: 'as aws:CalledVia', source: src('aws:CalledViaFirst', 'as aws:CalledVia') },
  { key: 'aws:CalledViaLast', presence: 'request', value: 'as aws:CalledVia', source: src('aws:CalledViaLast', 'as aws:CalledVia') },
  {
    key: 'aws:CalledViaAWSMCP',
    presence: 'request',
    value: "present only through an AWS MCP server (the user's choice)",
    source: src('aws:CalledViaAWSMCP', 'included only for requests made through an AWS-managed MCP server'),
  },
  {
    key: 'aws:ViaAWSService',
    presence: 'session',
    value: 'false (a direct call)',
    source: src('aws:ViaAWSService', 'always included; false when the principal calls directly'),
  },
  {
    key: 'aws:ViaAWSMCPService',
    presence: 'session',
    value: 'false (a direct call); keycard choice: present, so a Deny that requires it applies',
    source: src('aws:ViaAWSMCPService', 'included for requests; false when not made through an AWS MCP server'),
  },
  {
    key: 'aws:CurrentTime',
    presence: 'session',
    value: 'the request time (scenarios may pin it)',
    source: src('aws:CurrentTime', 'always included'),
  },
  { key: 'aws:EpochTime', presence: 'session', value: 'the request time in seconds', source: src('aws:EpochTime', 'always included') },
  {
    key: 'aws:referer',
    presence: 'request',
    value: "the HTTP Referer (the user's choice)",
    source: src('aws:referer', 'included only when the caller sends the header'),
  },
  { key: 'aws:RequestedRegion', presence: 'session', value: "the project's region", source: src('aws:RequestedRegion', 'always included') },
  {
    key: 'aws:RequestTag/tag-key',
    presence: 'request',
    value: "tags the request sets (the user's choice)",
    source: src('aws:RequestTag', 'included only when the request passes tags'),
  },
  {
    key: 'aws:TagKeys',
    presence: 'request',
    value: "tag keys the request sets (the user's choice)",
    source: src('aws:TagKeys', 'included only when the request passes tags'),
  },
  {
    key: 'aws:SecureTransport',
    presence: 'session',
    value: 'true (keycard assumes HTTPS)',
    source: src('aws:SecureTransport', '"This key is always included in the request context"'),
  },
  {
    key: 'aws:SourceArn',
    presence: 'absent',
    value: 'absent: only a service principal calling on behalf of a resource carries it',
    source: src('aws:SourceArn', 'included only when a service principal makes the request on behalf of a resource'),
  },
  {
    key: 'aws:SourceAccount',
    presence: 'absent',
    value: 'absent: only a service principal calling on behalf of a resource carries it',
    source: src('aws:SourceAccount', 'only available when the call is made directly by an AWS service principal'),
  },
  {
    key: 'aws:SourceOwner',
    presence: 'absent',
    value: 'absent: only a service principal calling on behalf of a resource carries it',
    source: src('aws:SourceOwner', 'included only for some service-principal requests'),
  },
  {
    key: 'aws:SourceOrgPaths',
    presence: 'absent',
    value: 'absent: only a service principal calling on behalf of a resource carries it',
    source: src('aws:SourceOrgPaths', 'included only when a service principal makes the request'),
  },
  {
    key: 'aws:SourceOrgID',
    presence: 'absent',
    value: 'absent: only a service principal calling on behalf of a resource carries it',
    source: src('aws:SourceOrgID', 'included only when a service principal makes the request'),
  },
  {
    key: 'aws:UserAgent',
    presence: 'request',
    value: "the client's user agent (the user's choice)",
    source: src('aws:UserAgent', 'included when the client sends the header'),
  },
  {
    key: 'aws:IsMcpServiceAction',
    presence: 'session',
    value: 'false (S3 actions are not MCP actions); keycard choice: present, so a Deny that requires it applies',
    source: src('aws:IsMcpServiceAction', 'included for requests; true only for MCP service actions'),
  },
];

/** S3 keys that the request's resource fixes (the user cannot choose them). */
export const S3_RESOURCE_KEY_TABLE: readonly KeyRow[] = [
  {
    key: 's3:ResourceAccount',
    presence: 'resource',
    value: "the bucket's account (the access point's, through an access point)",
    source: 'Service Authorization Reference, Amazon S3 condition keys: "Filters access by the resource owner AWS account ID"',
  },
  {
    key: 's3:DataAccessPointArn',
    presence: 'resource',
    value: 'the access point ARN, only through an access point',
    source: 'S3/access-points-policies.html (delegating access control to access points) and the S3 condition keys table',
  },
  {
    key: 's3:DataAccessPointAccount',
    presence: 'resource',
    value: "the access point's account, only through an access point",
    source: 'S3/access-points-policies.html (delegating access control to access points) and the S3 condition keys table',
  },
  {
    key: 's3:AccessPointNetworkOrigin',
    presence: 'resource',
    value: "Internet or VPC (the access point's NetworkOrigin), only through an access point",
    source: 'S3/access-points-policies.html and the S3 condition keys table',
  },
];

const byKey = new Map<string, KeyRow>(
  [...GLOBAL_KEY_TABLE, ...S3_RESOURCE_KEY_TABLE].map((r) => [r.key.toLowerCase().replace(/\/tag-key$/, '/'), r]),
);

/** The row of a (lowercase) condition key; tag keys are found by their prefix. */
export function keyRow(keyLower: string): KeyRow | undefined {
  const slash = keyLower.indexOf('/');
  return byKey.get(slash < 0 ? keyLower : keyLower.slice(0, slash + 1));
}
