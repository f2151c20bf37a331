// The source kinds built on CloudFormation, from small fixtures (the realworld suite covers real
// projects where ../shared is present): CDK cloud assemblies, Serverless services, Amplify Gen 1.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outsideProjectsDir } from './outside-projects.js';
import { resolveRoleWith } from '../../src/cognito/resolve.js';
import { loadProject } from '../../src/load/project.js';
import type { Project } from '../../src/model/types.js';
import { authorizeInSession, buildSession } from '../../src/access/session.js';

const dir = join(import.meta.dirname, '../fixtures/import/sources');
const tmp = outsideProjectsDir('keycard-sources-');

function load(entry: string): Project {
  const file = join(tmp, `${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, `account: "123456789012"\nregion: us-east-1\nfrom:\n  - ${entry}\n`);
  return loadProject(file);
}

const ref = (p: Project, name: string) => p.imports!.references.get(name)!.value;

function signIn(p: Project, claims: Record<string, unknown> = {}) {
  const idp = p.identityPool.CognitoIdentityProviders![0]!;
  return resolveRoleWith(p, { login: idp.ProviderName, claims: { sub: 'u-1', aud: idp.ClientId, token_use: 'id', ...claims } });
}

describe('cdk: a cloud assembly', () => {
  const p = load(`cdk: ${JSON.stringify(join(dir, 'cdk.out'))}`);

  it('reads the stacks of manifest.json and follows nested stacks by aws:asset:path', () => {
    expect(p.imports!.sources).toEqual([expect.stringMatching(/^cdk .*cdk\.out$/)]);
    const role = [...p.roles.values()][0]!;
    expect(role.RoleName).toMatch(/^auth-prod-Storage-\w+-UserRole-\w{12}$/);
    expect(role.inlinePolicies[0]!.file).toBe(join(dir, 'cdk.out/AuthStackStorage.nested.template.json'));
    expect(signIn(p).role).toBe(role.Arn);
  });

  it('does not list BootstrapVersion, which only Rules use', () => {
    expect(p.unresolved).toEqual([]);
  });

  it('names nested things as Stack/LogicalId, and by logical id when unique', () => {
    expect(ref(p, 'Storage/Bucket')).toBe(ref(p, 'Bucket'));
  });
});

describe('serverless: a Serverless Framework service', () => {
  const p = load(`serverless: ${JSON.stringify(join(dir, 'sls/serverless.yml'))}\n    stage: prod`);

  it('resolves ${self:}, ${opt:} and ${file()} fragments, with the stage given', () => {
    expect(ref(p, 'MediaBucket')).toBe('photos-prod-media');
    const auth = [...p.roles.values()].find((r) => r.RoleName.includes('AuthRole'))!;
    expect(JSON.stringify(auth.inlinePolicies[0]!.json)).toContain('arn:aws:s3:::photos-prod-media/public/*');
    expect(auth.inlinePolicies[0]!.file).toBe(join(dir, 'sls/resources/cognito.yml'));
  });

  it("adds the framework's role and API, and lists what an absent fragment may declare", () => {
    expect(p.roles.has('arn:aws:iam::123456789012:role/photos-prod-us-east-1-lambdaRole')).toBe(true);
    expect(ref(p, 'ApiGatewayRestApi')).toMatch(/^photos-prod-ApiGatewayRestApi-/);
    expect(p.unresolved!.map((u) => u.name)).toEqual(['file(resources/missing.yml)', 'NotesTable.Arn']);
  });
});

describe('amplify: a Gen 1 project folder', () => {
  const p = load(`amplify: ${JSON.stringify(join(dir, 'amplify'))}\n    env: prod`);

  it("models the root stack's roles, named as the Amplify CLI names them", () => {
    expect(ref(p, 'AuthRole.Arn')).toMatch(/^arn:aws:iam::123456789012:role\/amplify-notes-prod-\d{6}-authRole$/);
    expect(p.identityPoolRoles.Roles!.authenticated).toBe(ref(p, 'AuthRole.Arn'));
  });

  it('wires stacks: outputs feed <category><resource><Output> parameters; the bucket name splits the stack name', () => {
    const digits = /amplify-notes-prod-(\d{6})-/.exec(ref(p, 'AuthRole.Arn'))![1];
    expect(ref(p, 'S3Bucket')).toBe(
      `«unresolved {{MediaBucketPrefix}}»${digits}-prod`.replace(
        '«unresolved {{MediaBucketPrefix}}»',
        '\u27EAunresolved:{{MediaBucketPrefix}}\u27EB',
      ),
    );
    expect(p.unresolved!.map((u) => u.name)).toEqual(['{{MediaBucketPrefix}}']);
  });

  it('models RoleMapFunction: Token mappings with AuthenticatedRole, so a group member gets the group role', () => {
    const key = Object.keys(p.identityPoolRoles.RoleMappings!)[0]!;
    expect(p.identityPoolRoles.RoleMappings![key]).toEqual({ Type: 'Token', AmbiguousRoleResolution: 'AuthenticatedRole' });
    expect(signIn(p, { 'cognito:groups': ['editors'] }).role).toMatch(/-editorsGroupRole$/);
    expect(signIn(p).role).toBe(ref(p, 'AuthRole.Arn'));
  });

  it('a false condition that leaves the guest role with no policy is reported at the template', () => {
    const d = p.diagnostics.find((x) => x.code === 'import_condition_removes_grants');
    expect(d?.location?.file).toBe(join(dir, 'amplify/backend/storage/media/s3-cloudformation-template.json'));
  });
});

describe('amplify: the root stack, when the project keeps it', () => {
  const p = load(`amplify: ${JSON.stringify(join(dir, 'amplify-root'))}\n    env: prod`);
  const rootFile = join(dir, 'amplify-root/backend/awscloudformation/build/root-cloudformation-stack.json');

  it('is read: its roles take the names team-provider-info.json gives, and keep their own policies', () => {
    expect(ref(p, 'AuthRole.Arn')).toBe('arn:aws:iam::123456789012:role/amplify-notes-prod-123456-authRole');
    expect(p.identityPoolRoles.Roles!.authenticated).toBe(ref(p, 'AuthRole.Arn'));
    const auth = p.roles.get(ref(p, 'AuthRole.Arn'))!;
    // Its own policy (from the root file) beside the one the storage stack attaches.
    expect(auth.inlinePolicies.map((d) => [d.name, d.file])).toContainEqual([expect.stringContaining('shared-assets-read'), rootFile]);
    expect(ref(p, 'DeploymentBucket')).toBe('amplify-notes-prod-123456-deployment');
  });

  it('the Deny trust policy the CLI writes first is replaced as Amplify replaces it once auth exists', () => {
    const r = signIn(p);
    expect([r.outcome, r.role]).toEqual(['credentials', ref(p, 'AuthRole.Arn')]);
    const session = buildSession(p, r);
    expect(authorizeInSession(session, { action: 's3:GetObject', resource: 'arn:aws:s3:::shared-assets/logo.png' }).decision).toBe('Allow');
  });

  it('without it, the root stack is modelled: roles with no policies of their own', () => {
    const modelled = load(`amplify: ${JSON.stringify(join(dir, 'amplify'))}\n    env: prod`);
    const files = modelled.roles.get(ref(modelled, 'AuthRole.Arn'))!.inlinePolicies.map((d) => d.file);
    expect(files.length).toBeGreaterThan(0);
    expect(files.every((f) => f.includes('/backend/storage/'))).toBe(true);
  });
});
