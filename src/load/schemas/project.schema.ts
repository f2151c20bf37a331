/**
 * JSON Schema of keycard.yaml (formats.md §1). keycard's own fields are closed
 * (unknown fields are errors); AWS outputs stay open because AWS may add fields.
 */
const policyRef = {
  description: 'a policy document, a path to a .json/.yaml file holding one, or URL-encoded JSON',
  anyOf: [{ type: 'object' }, { type: 'string', minLength: 1 }],
};

/** A resource policy: a bare policy (in `account`), or `{Account, Policy}` (get-bucket-policy output, plus its account). */
const policyEntry = {
  type: 'object',
  additionalProperties: false,
  required: ['Policy'],
  properties: { Account: { type: 'string', pattern: '^\\d{12}$' }, Policy: policyRef },
};
const resourcePolicyEntry = {
  description: 'a policy (as policyRef), or {Account, Policy} for a resource of another account',
  if: { type: 'object', required: ['Policy'], not: { required: ['Statement'] } },
  then: policyEntry,
  else: policyRef,
};

/** An S3 access point as `aws s3control get-access-point` returns it (open: AWS adds fields), plus its policy. */
const accessPoint = {
  type: 'object',
  required: ['Bucket'],
  anyOf: [{ required: ['AccessPointArn'] }, { required: ['Name'] }],
  properties: {
    Name: { type: 'string', minLength: 1 },
    Bucket: { type: 'string', minLength: 1 },
    AccessPointArn: { type: 'string', pattern: '^arn:[^:]+:s3:[^:]*:\\d{12}:accesspoint/[^/]+$' },
    BucketAccountId: { type: 'string', pattern: '^\\d{12}$' },
    NetworkOrigin: { enum: ['Internet', 'VPC'] },
    Policy: { anyOf: [policyRef, policyEntry] },
  },
};

/** A section that is either inline or a path to the AWS CLI output file. */
const inlineOrPath = (schema: object) => ({ anyOf: [schema, { type: 'string', minLength: 1 }] });

const identityPool = {
  type: 'object',
  required: ['IdentityPoolId', 'AllowUnauthenticatedIdentities'],
  properties: {
    IdentityPoolId: { type: 'string', pattern: '^[\\w-]+:[0-9a-zA-Z-]+$' },
    IdentityPoolName: { type: 'string' },
    AllowUnauthenticatedIdentities: { type: 'boolean' },
    AllowClassicFlow: { type: 'boolean' },
    CognitoIdentityProviders: {
      type: 'array',
      items: {
        type: 'object',
        required: ['ProviderName', 'ClientId'],
        properties: {
          ProviderName: { type: 'string', minLength: 1 },
          ClientId: { type: 'string', minLength: 1 },
          ServerSideTokenCheck: { type: 'boolean' },
        },
      },
    },
    SupportedLoginProviders: { type: 'object', additionalProperties: { type: 'string' } },
    OpenIdConnectProviderARNs: { type: 'array', items: { type: 'string' } },
    SamlProviderARNs: { type: 'array', items: { type: 'string' } },
    DeveloperProviderName: { type: 'string' },
  },
};

const mappingRule = {
  type: 'object',
  required: ['Claim', 'MatchType', 'Value', 'RoleARN'],
  properties: {
    Claim: { type: 'string', minLength: 1, maxLength: 64 },
    MatchType: { enum: ['Equals', 'Contains', 'StartsWith', 'NotEqual'] },
    Value: { type: 'string', minLength: 1, maxLength: 128 },
    RoleARN: { type: 'string', minLength: 20, maxLength: 2048 },
  },
};

const identityPoolRoles = {
  type: 'object',
  properties: {
    IdentityPoolId: { type: 'string' },
    Roles: { type: 'object', additionalProperties: { type: 'string' } },
    RoleMappings: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['Type'],
        properties: {
          Type: { enum: ['Token', 'Rules'] },
          AmbiguousRoleResolution: { enum: ['AuthenticatedRole', 'Deny'] },
          IdentityProvider: { type: 'string' },
          RulesConfiguration: {
            type: 'object',
            required: ['Rules'],
            properties: { Rules: { type: 'array', items: mappingRule } },
          },
        },
      },
    },
  },
};

const principalTagMap = {
  type: 'object',
  required: ['IdentityProviderName'],
  properties: {
    IdentityPoolId: { type: 'string' },
    IdentityProviderName: { type: 'string', minLength: 1 },
    UseDefaults: { type: 'boolean' },
    PrincipalTags: { type: 'object', additionalProperties: { type: 'string' } },
  },
};

const userPoolGroup = {
  type: 'object',
  required: ['GroupName'],
  properties: {
    GroupName: { type: 'string', minLength: 1 },
    UserPoolId: { type: 'string' },
    RoleArn: { type: 'string' },
    Precedence: { type: ['integer', 'null'], minimum: 0 }, // null: no precedence (as the AWS docs say)
    Description: { type: 'string' },
  },
};

const gaad = {
  type: 'object',
  properties: {
    RoleDetailList: {
      type: 'array',
      items: {
        type: 'object',
        required: ['Arn'],
        properties: {
          RoleName: { type: 'string' },
          Arn: { type: 'string', pattern: '^arn:[^:]+:iam::\\d{12}:role/' },
          RoleId: { type: 'string' },
          Path: { type: 'string' },
          AssumeRolePolicyDocument: policyRef,
          RolePolicyList: {
            type: 'array',
            items: {
              type: 'object',
              required: ['PolicyDocument'],
              properties: { PolicyName: { type: 'string' }, PolicyDocument: policyRef },
            },
          },
          AttachedManagedPolicies: {
            type: 'array',
            items: {
              type: 'object',
              required: ['PolicyArn'],
              properties: { PolicyName: { type: 'string' }, PolicyArn: { type: 'string' } },
            },
          },
          PermissionsBoundary: {
            type: 'object',
            required: ['PermissionsBoundaryArn'],
            properties: { PermissionsBoundaryType: { type: 'string' }, PermissionsBoundaryArn: { type: 'string' } },
          },
          Tags: {
            type: 'array',
            items: { type: 'object', required: ['Key', 'Value'], properties: { Key: { type: 'string' }, Value: { type: 'string' } } },
          },
        },
      },
    },
    Policies: {
      type: 'array',
      items: {
        type: 'object',
        required: ['Arn', 'PolicyVersionList'],
        properties: {
          PolicyName: { type: 'string' },
          Arn: { type: 'string' },
          DefaultVersionId: { type: 'string' },
          PolicyVersionList: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              required: ['Document'],
              properties: { Document: policyRef, VersionId: { type: 'string' }, IsDefaultVersion: { type: 'boolean' } },
            },
          },
        },
      },
    },
  },
};

/** One `from:` entry (imports.md §1): the source kind's key names the path. */
const importSource = {
  type: 'object',
  minProperties: 1,
  additionalProperties: false,
  properties: {
    cloudformation: { type: 'string', minLength: 1 },
    serverless: { type: 'string', minLength: 1 },
    cdk: { type: 'string', minLength: 1 },
    amplify: { type: 'string', minLength: 1 },
    terraform: { type: 'string', minLength: 1 },
    stackName: { type: 'string', minLength: 1 },
    parameters: { anyOf: [{ type: 'object' }, { type: 'string', minLength: 1 }] },
    stacks: { type: 'array', items: { type: 'string', minLength: 1 } },
    env: { type: 'string', minLength: 1 },
    stage: { type: 'string', minLength: 1 },
    options: { type: 'object' },
    variables: { type: 'object' },
    varFiles: { type: 'array', items: { type: 'string' } },
  },
  oneOf: ['cloudformation', 'serverless', 'cdk', 'amplify', 'terraform'].map((k) => ({ required: [k] })),
};

const cedarSectionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['schema', 'policies', 'principalEntityType', 'userPoolId'],
  properties: {
    schema: { type: 'string', minLength: 1 },
    policies: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
    principalEntityType: { type: 'string', minLength: 1 },
    groupEntityType: { type: 'string', minLength: 1 },
    userPoolId: { type: 'string', minLength: 1 },
    entities: { type: 'string', minLength: 1 },
  },
};

export const projectSchema = {
  $id: 'https://keycard.dev/schemas/project.json',
  type: 'object',
  additionalProperties: false,
  required: ['account', 'region'],
  // Without sources (`from:`), the identity pool is written here (imports.md §1).
  if: { not: { required: ['from'] } },
  then: { required: ['identityPool'] },
  properties: {
    $schema: { type: 'string' },
    from: { type: 'array', minItems: 1, items: importSource },
    pool: { type: 'string', minLength: 1 },
    physicalIds: { type: 'object', additionalProperties: { type: 'string', minLength: 1 } },
    values: { type: 'object' },
    account: { type: 'string', pattern: '^\\d{12}$' },
    region: { type: 'string', pattern: '^[a-z]{2}(-[a-z]+)+-\\d+$' },
    identityPool: inlineOrPath(identityPool),
    identityPoolRoles: inlineOrPath(identityPoolRoles),
    principalTags: { type: 'array', items: inlineOrPath(principalTagMap) },
    userPoolGroups: {
      anyOf: [
        { type: 'array', items: userPoolGroup },
        { type: 'object', required: ['Groups'], properties: { Groups: { type: 'array', items: userPoolGroup } } },
        { type: 'string', minLength: 1 },
      ],
    },
    iam: inlineOrPath(gaad),
    resourcePolicies: { type: 'object', additionalProperties: resourcePolicyEntry },
    accessPoints: { type: 'array', items: accessPoint },
    organization: {
      type: 'object',
      additionalProperties: false,
      properties: {
        serviceControlPolicies: { type: 'array', items: policyRef },
        resourceControlPolicies: { type: 'array', items: policyRef },
      },
    },
    cedar: cedarSectionSchema,
  },
} as const;

/** Schemas of AWS CLI output files named by path from keycard.yaml. */
export const sectionSchemas = {
  identityPool,
  identityPoolRoles,
  principalTags: principalTagMap,
  userPoolGroups: {
    anyOf: [
      { type: 'array', items: userPoolGroup },
      { type: 'object', required: ['Groups'], properties: { Groups: { type: 'array', items: userPoolGroup } } },
    ],
  },
  iam: gaad,
} as const;
