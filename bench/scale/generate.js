// A generated keycard project at a scale factor, for the scale benchmark (issue 17). Deterministic:
// the same factor always writes the same bytes. At 16×: 1,000 roles, 3,000 managed policies,
// 20,000 identity statements, 200 buckets with 50-statement bucket policies, 10,000 scenarios in
// 100 files. 1× and 4× are that, scaled down. The roles live in an indented account export
// (`aws iam get-account-authorization-details`, as the AWS CLI prints it), as a real account would.
//
//   node bench/scale/generate.js 16 DIR    writes DIR/head (the project) and DIR/base (the same
//                                          project before one change, for `keycard diff`)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const POOL = `${REGION}:5ca1e000-0000-4000-8000-000000000016`;
const USER_POOL = `cognito-idp.${REGION}.amazonaws.com/${REGION}_ScAlE0016`;
const CLIENT = '5ca1ec1ient000000000000016';
const DATE = '2026-01-01T00:00:00+00:00';

/** The sizes at a factor (16 is the full size). */
export function sizes(factor) {
  const s = factor / 16;
  const roles = Math.round(1000 * s);
  const scenarios = roles * 10;
  return {
    roles,
    managed: roles * 3, // three attached per role, 6 statements each
    buckets: Math.max(2, Math.round(200 * s)),
    bucketStatements: 50,
    scenarios,
    files: Math.ceil(scenarios / 100),
    identityStatements: roles * 2 + roles * 3 * 6,
  };
}

const pad = (n, w = 4) => String(n).padStart(w, '0');
const roleName = (r) => `team-${pad(r)}-role`;
const roleArn = (r) => `arn:aws:iam::${ACCOUNT}:role/${roleName(r)}`;
const bucket = (k) => `scale-data-${pad(k, 3)}`;
const policyName = (m) => `team-policy-${pad(m, 5)}`;
const policyArn = (m) => `arn:aws:iam::${ACCOUNT}:policy/${policyName(m)}`;
/** A deterministic id of AWS's shape (AROA..., ANPA...). */
const awsId = (prefix, n) => prefix + (n * 2654435761 + 0x5ca1e).toString(36).toUpperCase().padStart(17, 'X').slice(-17);

const trust = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Federated: 'cognito-identity.amazonaws.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { 'cognito-identity.amazonaws.com:aud': POOL },
        'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
      },
    },
  ],
};

function inlinePolicy(r, n, variant) {
  const b = bucket(r % n.buckets);
  const actions = variant === 'base' && r < 5 ? ['s3:GetObject'] : ['s3:GetObject', 's3:PutObject'];
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'TeamObjects', Effect: 'Allow', Action: actions, Resource: [`arn:aws:s3:::${b}/team-${pad(r)}/*`] },
      {
        Sid: 'TeamListing',
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: `arn:aws:s3:::${b}`,
        Condition: { StringLike: { 's3:prefix': [`team-${pad(r)}/`, `team-${pad(r)}/*`] } },
      },
    ],
  };
}

function managedPolicy(m, n) {
  const b = bucket((m * 7) % n.buckets);
  const shared = `arn:aws:s3:::${b}/shared-${pad(m, 5)}/*`;
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'SharedRead', Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: shared },
      {
        Sid: 'SharedWrite',
        Effect: 'Allow',
        Action: 's3:PutObject',
        Resource: shared,
        Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
      },
      {
        Sid: 'SharedListing',
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: `arn:aws:s3:::${b}`,
        Condition: { StringLike: { 's3:prefix': [`shared-${pad(m, 5)}/`, `shared-${pad(m, 5)}/*`] } },
      },
      {
        Sid: 'NoDeleteWithoutMfa',
        Effect: 'Deny',
        Action: 's3:DeleteObject',
        Resource: `arn:aws:s3:::${b}/*`,
        Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
      },
      {
        Sid: 'Table',
        Effect: 'Allow',
        Action: ['dynamodb:GetItem', 'dynamodb:Query'],
        Resource: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/team-table-${pad(m, 5)}`,
      },
      {
        Sid: 'SharedTagsFromOffice',
        Effect: 'Allow',
        Action: 's3:GetObjectTagging',
        Resource: shared,
        Condition: { IpAddress: { 'aws:SourceIp': `10.${m % 250}.0.0/16` } },
      },
    ],
  };
}

function bucketPolicy(k, n) {
  const b = bucket(k);
  const statements = [
    {
      Sid: 'TlsOnly',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [`arn:aws:s3:::${b}`, `arn:aws:s3:::${b}/*`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
    {
      Sid: 'EncryptedUploads',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:PutObject',
      Resource: `arn:aws:s3:::${b}/*`,
      Condition: { Null: { 's3:x-amz-server-side-encryption': 'true' } },
    },
  ];
  for (let j = 0; statements.length < n.bucketStatements; j++) {
    const conditions = [
      { StringEquals: { 'aws:SourceVpce': `vpce-0${pad(k, 3)}${pad(j, 3)}` } },
      { IpAddress: { 'aws:SourceIp': `192.168.${j % 250}.0/24` } },
      { StringEquals: { 's3:ExistingObjectTag/classification': 'public' } },
    ];
    statements.push({
      Sid: `Partner${pad(j, 3)}`,
      Effect: 'Allow',
      Principal: { AWS: roleArn((k * 48 + j) % n.roles) },
      Action: ['s3:GetObject', 's3:GetObjectTagging'],
      Resource: `arn:aws:s3:::${b}/pub-${pad(j, 3)}/*`,
      Condition: conditions[j % 3],
    });
  }
  return { Version: '2012-10-17', Statement: statements };
}

function accountExport(n, variant) {
  const roles = [];
  for (let r = 0; r < n.roles; r++) {
    roles.push({
      Path: '/',
      RoleName: roleName(r),
      RoleId: awsId('AROA', r),
      Arn: roleArn(r),
      CreateDate: DATE,
      AssumeRolePolicyDocument: trust,
      InstanceProfileList: [],
      RolePolicyList: [{ PolicyName: 'team-objects', PolicyDocument: inlinePolicy(r, n, variant) }],
      AttachedManagedPolicies: [0, 1, 2].map((i) => ({ PolicyName: policyName(r * 3 + i), PolicyArn: policyArn(r * 3 + i) })),
      Tags: [{ Key: 'team', Value: `team-${pad(r)}` }],
      RoleLastUsed: {},
    });
  }
  const policies = [];
  for (let m = 0; m < n.managed; m++) {
    policies.push({
      PolicyName: policyName(m),
      PolicyId: awsId('ANPA', m),
      Arn: policyArn(m),
      Path: '/',
      DefaultVersionId: 'v1',
      AttachmentCount: 1,
      PermissionsBoundaryUsageCount: 0,
      IsAttachable: true,
      CreateDate: DATE,
      UpdateDate: DATE,
      PolicyVersionList: [{ Document: managedPolicy(m, n), VersionId: 'v1', IsDefaultVersion: true, CreateDate: DATE }],
    });
  }
  return { UserDetailList: [], GroupDetailList: [], RoleDetailList: roles, Policies: policies };
}

function projectYaml(n) {
  const lines = [
    `# A generated project (bench/scale/generate.js): ${n.roles} roles, ${n.managed} managed policies, ${n.buckets} buckets.`,
    `account: "${ACCOUNT}"`,
    `region: ${REGION}`,
    'identityPool:',
    `  IdentityPoolId: ${POOL}`,
    '  IdentityPoolName: Scale',
    '  AllowUnauthenticatedIdentities: false',
    '  AllowClassicFlow: false',
    '  CognitoIdentityProviders:',
    `    - {ProviderName: ${USER_POOL}, ClientId: ${CLIENT}, ServerSideTokenCheck: false}`,
    'identityPoolRoles:',
    '  Roles:',
    `    authenticated: ${roleArn(0)}`,
    '  RoleMappings:',
    `    "${USER_POOL}:${CLIENT}": {Type: Token, AmbiguousRoleResolution: Deny}`,
    'iam: iam.json',
    'resourcePolicies:',
  ];
  for (let k = 0; k < n.buckets; k++) lines.push(`  "arn:aws:s3:::${bucket(k)}": policies/${bucket(k)}.json`);
  return lines.join('\n') + '\n';
}

function scenario(u, n) {
  const r = u % n.roles;
  const b = bucket(r % n.buckets);
  const other = `team-${pad((r + 1) % n.roles)}`;
  return [
    `  - name: user ${pad(u, 5)} of team ${pad(r)}`,
    `    login: ${USER_POOL}`,
    `    claims: {sub: 5ca1e000-0000-4000-8000-${pad(u, 12)}, aud: ${CLIENT}, token_use: id, "cognito:roles": ["${roleArn(r)}"], "cognito:preferred_role": "${roleArn(r)}"}`,
    '    expect:',
    `      role: ${roleArn(r)}`,
    '      allow:',
    `        - s3:GetObject arn:aws:s3:::${b}/team-${pad(r)}/notes-${u}.txt`,
    `        - s3:PutObject arn:aws:s3:::${b}/team-${pad(r)}/notes-${u}.txt`,
    `        - s3:ListBucket arn:aws:s3:::${b}`,
    '      deny:',
    `        - s3:GetObject arn:aws:s3:::${b}/${other}/notes.txt`,
    `        - s3:DeleteObject arn:aws:s3:::${b}/team-${pad(r)}/notes-${u}.txt`,
    `        - s3:PutBucketPolicy arn:aws:s3:::${b}`,
  ].join('\n');
}

function scenarioFile(users, n) {
  return `project: ../keycard.yaml\nscenarios:\n${users.map((u) => scenario(u, n)).join('\n')}\n`;
}

function writeProject(dir, n, variant) {
  mkdirSync(join(dir, 'policies'), { recursive: true });
  mkdirSync(join(dir, 'scenarios'), { recursive: true });
  mkdirSync(join(dir, 'diff'), { recursive: true });
  writeFileSync(join(dir, 'keycard.yaml'), projectYaml(n));
  writeFileSync(join(dir, 'iam.json'), JSON.stringify(accountExport(n, variant), null, 4) + '\n');
  for (let k = 0; k < n.buckets; k++)
    writeFileSync(join(dir, 'policies', `${bucket(k)}.json`), JSON.stringify(bucketPolicy(k, n), null, 2));
  const per = Math.ceil(n.scenarios / n.files);
  for (let f = 0; f < n.files; f++) {
    const users = [];
    for (let u = f * per; u < Math.min(n.scenarios, (f + 1) * per); u++) users.push(u);
    writeFileSync(join(dir, 'scenarios', `users-${pad(f, 3)}.yaml`), scenarioFile(users, n));
  }
  // Five users whose roles changed between base and head (base: no PutObject in the first 5 roles).
  writeFileSync(join(dir, 'diff', 'users.yaml'), scenarioFile([0, 1, 2, 3, 4], n));
}

/** Writes `dir/head` and `dir/base` for a factor; returns the sizes and paths. */
export function generate(factor, dir) {
  const n = sizes(factor);
  writeProject(join(dir, 'head'), n, 'head');
  writeProject(join(dir, 'base'), n, 'base');
  return { ...n, head: join(dir, 'head'), base: join(dir, 'base') };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [factor, dir] = process.argv.slice(2);
  if (!factor || !dir) {
    console.error('usage: node bench/scale/generate.js FACTOR DIR');
    process.exit(2);
  }
  console.log(generate(Number(factor), dir));
}
