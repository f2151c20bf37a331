// Each Terraform resource type the collector reads (imports.md §2), from one state JSON: what it
// becomes in the project model, and where it points.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/load/project.js';

const dir = join(import.meta.dirname, '../fixtures/import/terraform/state-kinds');
const p = loadProject(join(dir, 'keycard.yaml'));
const role = p.roles.get('arn:aws:iam::123456789012:role/kinds-user')!;

describe('Terraform resource types', () => {
  it.each([
    [
      'aws_cognito_identity_pool: login providers',
      () => [p.identityPool.SupportedLoginProviders, p.identityPool.OpenIdConnectProviderARNs],
      [{ 'accounts.google.com': '123-google.apps.googleusercontent.com' }, ['arn:aws:iam::123456789012:oidc-provider/login.example.com']],
    ],
    [
      'aws_cognito_identity_pool_provider_principal_tag',
      () => p.principalTags,
      [
        {
          IdentityPoolId: 'us-east-1:22222222-3333-4444-8555-666666666666',
          IdentityProviderName: 'accounts.google.com',
          UseDefaults: false,
          PrincipalTags: { team: 'hd' },
        },
      ],
    ],
    ['aws_iam_role: permissions_boundary', () => role.permissionsBoundaryArn, 'arn:aws:iam::123456789012:policy/boundary'],
    [
      'aws_iam_policy_attachment and aws_iam_role_policy_attachment',
      () => role.attachedManagedPolicies.map((m) => m.PolicyArn),
      ['arn:aws:iam::123456789012:policy/reports', 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'],
    ],
    [
      'aws_iam_policy',
      () => [...p.managedPolicies.keys()].filter((k) => !k.includes(':aws:policy/')),
      ['arn:aws:iam::123456789012:policy/boundary', 'arn:aws:iam::123456789012:policy/reports'],
    ],
    ["aws_s3_bucket: provider v3's inline policy", () => [...p.resourcePolicies.keys()], ['arn:aws:s3:::kinds-legacy']],
    [
      'aws_organizations_policy: only attached SCPs and RCPs, not tag policies',
      () => [p.organization.serviceControlPolicies.map((d) => d.name), p.organization.resourceControlPolicies.length],
      [['SCP `deny-delete`'], 0],
    ],
  ])('%s', (_what, got, want) => {
    expect(got()).toEqual(want);
  });

  it('an unattached organization policy is a warning at its block, and tag policies are not read', () => {
    const d = p.diagnostics.filter((x) => x.code === 'import_tf_policy_unattached');
    expect(d.map((x) => [x.message, x.location?.file, x.location?.line])).toEqual([
      ['RCP `loose` is attached to nothing in these sources, so keycard does not apply it', join(dir, 'state.json'), expect.any(Number)],
    ]);
  });

  it('a policy keeps the location of its attribute', () => {
    const doc = p.managedPolicies.get('arn:aws:iam::123456789012:policy/reports')!.document;
    expect(doc.locate(['Statement', 0])).toMatchObject({ file: join(dir, 'state.json') });
    const text = doc.locate([])!;
    expect(text.line).toBeGreaterThan(1);
  });
});
