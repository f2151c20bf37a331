// `from: cloudformation` end to end: import → project model → resolution → scenarios, with
// unresolved values kept as markers that make a decision unknown, never a role or a refusal.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outsideProjectsDir } from './outside-projects.js';
import { loadProject } from '../../src/load/project.js';
import { loadScenarioFile } from '../../src/load/scenario.js';
import { resolveRoleWith } from '../../src/cognito/resolve.js';
import { unresolvedNames } from '../../src/model/unresolved.js';
import { keycard } from '../cli/helpers.js';

const fixture = join(import.meta.dirname, '../fixtures/import/unknown');
const tmp = outsideProjectsDir('keycard-import-');

/** A project beside the fixture template, with extra keycard.yaml lines. */
function projectWith(extra: string): string {
  const file = join(tmp, `p${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, `account: "123456789012"\nregion: us-east-1\nfrom:\n  - cloudformation: ${join(fixture, 'template.yaml')}\n${extra}`);
  return file;
}

describe('unresolved values in an imported project', () => {
  const project = loadProject(join(fixture, 'keycard.yaml'));
  const rules = project.identityPoolRoles.RoleMappings!.web!.RulesConfiguration!.Rules;

  it('writes markers into the AWS-native shapes and lists each value with its location', async () => {
    expect(unresolvedNames(rules[0]!.RoleARN)).toEqual(['Fn::ImportValue:shared-GoldRoleArn']);
    expect(unresolvedNames(rules[1]!.Value)).toEqual(['Lookup.AdminGroup']);
    expect(unresolvedNames(project.identityPoolRoles.Roles!.unauthenticated!)).toEqual(['Fn::ImportValue:shared-GuestRoleArn']);
    expect(project.unresolved!.map((u) => [u.name, u.location?.line])).toEqual([
      ['Fn::ImportValue:shared-GuestRoleArn', 32],
      ['Fn::ImportValue:shared-GoldRoleArn', 40],
      ['Lookup.AdminGroup', 41],
    ]);
    expect(project.unresolved!.every((u) => u.location?.file === join(fixture, 'template.yaml') && /values:/.test(u.help))).toBe(true);
  });

  it('a rule whose role ARN is unresolved makes the resolution unknown, naming the value', async () => {
    const login = project.identityPool.CognitoIdentityProviders![0]!.ProviderName;
    const aud = project.identityPool.CognitoIdentityProviders![0]!.ClientId;
    const r = resolveRoleWith(project, { login, claims: { sub: 's', aud, token_use: 'id', 'custom:tier': 'gold' } });
    expect(r.outcome).toBe('unknown');
    expect(r.role).toBeNull();
    expect(r.error).toBeNull();
    expect(r.unknown).toEqual(['Fn::ImportValue:shared-GoldRoleArn']);
  });

  it('a rule whose value is unresolved is unknown when no earlier rule matched', async () => {
    const login = project.identityPool.CognitoIdentityProviders![0]!.ProviderName;
    const aud = project.identityPool.CognitoIdentityProviders![0]!.ClientId;
    const r = resolveRoleWith(project, { login, claims: { sub: 's', aud, token_use: 'id' } });
    expect([r.outcome, r.unknown]).toEqual(['unknown', ['Lookup.AdminGroup']]);
    expect(r.trace.find((t) => t.step === 'rule')?.location?.line).toBe(41);
  });

  it('a guest whose role is unresolved is unknown', async () => {
    expect(resolveRoleWith(project, { claims: {} }).unknown).toEqual(['Fn::ImportValue:shared-GuestRoleArn']);
  });

  it('values: answers them, and the rules decide again', async () => {
    const p = loadProject(
      projectWith(
        'values:\n  "Fn::ImportValue:shared-GoldRoleArn": arn:aws:iam::123456789012:role/gold\n  "Fn::ImportValue:shared-GuestRoleArn": arn:aws:iam::123456789012:role/guest\n  Lookup.AdminGroup: admins\n',
      ),
    );
    expect(p.unresolved).toEqual([]);
    const login = p.identityPool.CognitoIdentityProviders![0]!.ProviderName;
    const aud = p.identityPool.CognitoIdentityProviders![0]!.ClientId;
    const r = resolveRoleWith(p, { login, claims: { sub: 's', aud, token_use: 'id', 'cognito:groups': ['admins'] } });
    expect(r.outcome).not.toBe('unknown');
    expect(r.trace.some((t) => t.step === 'rule' && t.outcome === 'match')).toBe(true);
  });

  it('keycard test fails each expect line of an unknown outcome, saying which value to give', async () => {
    const r = await keycard(['test', join(fixture, 'scenarios'), '--format', 'json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { results: { status: string; failures: { actual: unknown; message: string }[] }[] };
    const failures = doc.results.flatMap((x) => x.failures);
    expect(failures.length).toBe(4);
    expect(failures.every((f) => f.actual === 'unknown' && /which no file gives; give it under `values:`/.test(f.message))).toBe(true);
    expect(failures.map((f) => /`([^`]+)`, which no file gives/.exec(f.message)?.[1])).toEqual([
      'Fn::ImportValue:shared-GoldRoleArn',
      'Lookup.AdminGroup',
      'Lookup.AdminGroup',
      'Fn::ImportValue:shared-GuestRoleArn',
    ]);
  });
});

describe('references in scenarios', () => {
  it('resolves ${LogicalId}, ${LogicalId.Attr}, ${AWS::AccountId} and ${identityId} when the scenario loads', async () => {
    const file = join(tmp, 's.yaml');
    writeFileSync(
      file,
      `project: ${join(fixture, 'keycard.yaml')}\nscenarios:\n  - name: refs\n    login: \${UserPool.ProviderName}\n    claims: {sub: abc, aud: "\${WebClient}"}\n    expect:\n      role: \${AuthRole.Arn}\n      allow: ["s3:GetObject arn:aws:s3:::b-\${AWS::AccountId}/\${identityId}/\${!literal}"]\n`,
    );
    const s = loadScenarioFile(file).scenarios[0]!;
    expect(s.login).toMatch(/^cognito-idp\.us-east-1\.amazonaws\.com\/us-east-1_\w{9}$/);
    expect(s.claims.aud).toMatch(/^[a-z0-9]{26}$/);
    expect(s.expect.role).toBe('arn:aws:iam::123456789012:role/app-auth');
    expect(s.expect.allow[0]!.resource).toMatch(/^arn:aws:s3:::b-123456789012\/us-east-1:[0-9a-f-]{36}\/\$\{literal\}$/);
  });

  it('an unknown name is an error at its line, offering the closest name', async () => {
    const file = join(tmp, 'bad.yaml');
    writeFileSync(
      file,
      `project: ${join(fixture, 'keycard.yaml')}\nscenarios:\n  - name: typo\n    expect:\n      role: \${AuthRol.Arn}\n`,
    );
    expect(() => loadScenarioFile(file)).toThrow(/names nothing/);
    const r = await keycard(['test', file]);
    expect(r.code).toBe(3);
    expect(r.stdout + r.stderr).toMatch(/bad\.yaml:5:13/);
    expect(r.stdout + r.stderr).toContain('did you mean `${AuthRole.Arn}`');
  });
});

describe('keycard import', () => {
  it('prints a valid keycard.yaml, the references and the unresolved values; exit 1 when some are unresolved', async () => {
    const r = await keycard(['import', '--project', join(fixture, 'keycard.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('#   ${AuthRole.Arn}');
    expect(r.stdout).toContain('# 3 values no file gives');
    const converted = join(tmp, 'converted.yaml');
    writeFileSync(converted, r.stdout);
    const p = loadProject(converted);
    expect(p.identityPool.IdentityPoolId).toBe(loadProject(join(fixture, 'keycard.yaml')).identityPool.IdentityPoolId);
    expect([...p.roles.keys()]).toEqual(['arn:aws:iam::123456789012:role/app-auth']);
  });

  it('exits 0 when every value resolved, with JSON output', async () => {
    const file = projectWith(
      'values:\n  "Fn::ImportValue:shared-GoldRoleArn": arn:aws:iam::123456789012:role/gold\n  "Fn::ImportValue:shared-GuestRoleArn": arn:aws:iam::123456789012:role/guest\n  Lookup.AdminGroup: admins\n',
    );
    const r = await keycard(['import', '--project', file, '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { unresolved: unknown[]; references: Record<string, { value: string }> };
    expect(doc.unresolved).toEqual([]);
    expect(doc.references['AuthRole.Arn']!.value).toBe('arn:aws:iam::123456789012:role/app-auth');
  });

  it('a source that does not exist is reported where keycard.yaml names it', async () => {
    const proj = join(tmp, 'missing-source.yaml');
    writeFileSync(proj, 'account: "123456789012"\nregion: us-east-1\nfrom:\n  - cloudformation: no-such-template.yaml\n');
    expect(() => loadProject(proj)).toThrow(/names a file that does not exist/);
    try {
      loadProject(proj);
    } catch (e) {
      expect((e as { diagnostics: { location: { file: string; line: number } }[] }).diagnostics[0]!.location).toMatchObject({
        file: proj,
        line: 4,
      });
    }
  });

  it('exits 3 on an unreadable template', async () => {
    const file = join(tmp, 'broken.yaml');
    writeFileSync(file, 'Resources:\n  R: !Bogus x\n');
    const proj = join(tmp, 'broken-project.yaml');
    writeFileSync(proj, `account: "123456789012"\nregion: us-east-1\nfrom:\n  - cloudformation: ${file}\n`);
    const r = await keycard(['import', '--project', proj]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/broken\.yaml:2:6/);
  });
});
