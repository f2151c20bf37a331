// Terraform sources (issue 16): the output of `terraform show -json` (a plan, with unknown values,
// or a state, with child modules and count / for_each instances), through the CLI as a user runs it.
// The same identity pool written in CloudFormation, as a plan JSON and as a .tf folder gives the same
// project apart from placeholders, and the same `keycard test` results.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keycard } from '../cli/helpers.js';
import { outsideProjectsDir } from './outside-projects.js';

const fixtures = join(import.meta.dirname, '../fixtures/import/terraform');
const samePool = join(fixtures, 'same-pool');
const tmp = outsideProjectsDir('keycard-terraform-');

type Obj = Record<string, unknown>;
interface ImportDoc {
  sources: string[];
  project: Obj;
  references: Record<string, { value: string; placeholder?: boolean; location?: string }>;
  unresolved: { name: string; location: string; help: string }[];
}

async function importJson(project: string): Promise<{ code: number | null; doc: ImportDoc }> {
  const r = await keycard(['import', '--project', project, '--format', 'json']);
  return { code: r.code, doc: JSON.parse(r.stdout) as ImportDoc };
}

/**
 * The project with the names only a deploy gives (user pool, app client and identity pool ids,
 * placeholders or real) replaced by their kind and order of appearance, role mappings keyed by their
 * provider (CloudFormation's keys are free text), and roles in name order.
 */
function normalized(project: Obj): unknown {
  const seen = new Map<string, string>();
  const token = (kind: string) => (m: string) => {
    if (!seen.has(m)) seen.set(m, `<${kind}${[...seen.values()].filter((v) => v.startsWith(`<${kind}`)).length + 1}>`);
    return seen.get(m)!;
  };
  const text = JSON.stringify(project)
    .replace(/us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, token('identitypool'))
    .replace(/us-east-1_[0-9A-Za-z]{9}/g, token('userpool'))
    .replace(/\b[a-z0-9]{26}\b/g, token('client'));
  const p = JSON.parse(text) as Obj & { identityPoolRoles: { RoleMappings?: Record<string, Obj> }; iam: { RoleDetailList: Obj[] } };
  const mappings = p.identityPoolRoles.RoleMappings ?? {};
  p.identityPoolRoles.RoleMappings = Object.fromEntries(Object.entries(mappings).map(([k, m]) => [String(m.IdentityProvider ?? k), m]));
  p.iam.RoleDetailList = [...p.iam.RoleDetailList].sort((a, b) => String(a.RoleName).localeCompare(String(b.RoleName)));
  return p;
}

async function testResults(scenarios: string): Promise<unknown> {
  const r = await keycard(['test', scenarios, '--format', 'json']);
  const doc = JSON.parse(r.stdout) as { results: { name: string; status: string; failures: { actual: string }[] }[] };
  return { code: r.code, results: doc.results.map((c) => ({ name: c.name, status: c.status, failures: c.failures.map((f) => f.actual) })) };
}

describe('the same identity pool in CloudFormation and in Terraform', () => {
  const sources: [what: string, project: string, scenarios: string][] = [
    ['a plan JSON (terraform show -json)', 'plan/keycard.yaml', 'scenarios/plan.yaml'],
    ['a .tf folder', 'tf/keycard.yaml', 'scenarios/tf-folder.yaml'],
  ];

  describe.each(sources)('%s', (_what, project, scenarios) => {
    it('gives the project CloudFormation gives, apart from placeholders', async () => {
      const cfn = await importJson(join(samePool, 'cfn/keycard.yaml'));
      const tf = await importJson(join(samePool, project));
      expect([cfn.code, tf.code]).toEqual([0, 0]);
      expect(normalized(tf.doc.project)).toEqual(normalized(cfn.doc.project));
      expect(tf.doc.unresolved).toEqual([]);
    });

    it('gives the same keycard test results', async () => {
      const cfn = await testResults(join(samePool, 'scenarios/cfn.yaml'));
      expect(cfn).toMatchObject({ code: 0, results: [{ status: 'pass' }, { status: 'pass' }, { status: 'pass' }, { status: 'pass' }] });
      expect(await testResults(join(samePool, scenarios))).toEqual(cfn);
    });
  });
});

describe('terraform: plan.json (a plan that creates everything)', () => {
  const project = join(fixtures, 'plan-new/keycard.yaml');

  it('addresses instances as Terraform does: module path, count index, for_each key', async () => {
    const { code, doc } = await importJson(project);
    expect(code).toBe(1); // some values are known only after apply
    expect(doc.sources).toEqual(['terraform plan.json']);
    const refs = doc.references;
    expect(refs['aws_s3_bucket.media[0].arn']).toMatchObject({ value: 'arn:aws:s3:::media-prod' });
    expect(refs['aws_iam_role.group["admin"].arn']).toMatchObject({ value: 'arn:aws:iam::123456789012:role/media-admin' });
    expect(refs['aws_iam_role.group["admin"].arn']!.placeholder).toBeUndefined();
    expect(refs['module.auth.aws_cognito_user_pool.this.endpoint']).toMatchObject({
      value: expect.stringMatching(/^cognito-idp\.us-east-1\.amazonaws\.com\/us-east-1_[0-9A-Za-z]{9}$/),
      placeholder: true,
    });
    expect(refs['module.auth.aws_cognito_user_pool_client.web.id']).toMatchObject({
      value: expect.stringMatching(/^[a-z0-9]{26}$/),
      placeholder: true,
    });
    expect(refs['module.auth.aws_cognito_identity_pool.this.id']!.placeholder).toBe(true);
  });

  it('placeholders are stable from run to run, and physicalIds pins them', async () => {
    const a = await importJson(project);
    const b = await importJson(project);
    expect(a.doc.references).toEqual(b.doc.references);
    const pinned = join(tmp, 'pinned.yaml');
    writeFileSync(
      pinned,
      `account: "123456789012"\nregion: us-east-1\nfrom:\n  - terraform: ${JSON.stringify(join(fixtures, 'plan-new/plan.json'))}\nphysicalIds:\n  module.auth.aws_cognito_user_pool.this: us-east-1_Pinned123\n`,
    );
    const p = await importJson(pinned);
    expect(p.doc.references['module.auth.aws_cognito_user_pool.this.endpoint']).toEqual({
      value: 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Pinned123',
      location: expect.stringContaining('plan.json:'),
    });
  });

  it('an unknown value whose content matters is unresolved, listed at its after_unknown entry; the others are not listed', async () => {
    const { doc } = await importJson(project);
    const names = doc.unresolved.map((u) => u.name);
    expect(names).toContain('module.auth.aws_cognito_identity_pool.this.cognito_identity_providers[0].provider_name');
    expect(names).toContain('aws_iam_role.group["admin"].assume_role_policy');
    expect(names).not.toContain('module.auth.aws_cognito_user_pool.this.creation_date');
    expect(names).not.toContain('module.auth.aws_cognito_user_pool_client.web.client_secret');
    // A role that configures no inline_policy: the provider reads back aws_iam_role_policy, read on its own.
    expect(names.filter((n) => n.endsWith('.inline_policy'))).toEqual([]);
    const trust = doc.unresolved.find((u) => u.name === 'aws_iam_role.group["admin"].assume_role_policy')!;
    expect(trust.location).toMatch(/plan\.json:\d+:\d+$/);
    expect(trust.help).toContain('terraform show -json');
  });

  it('a login whose pool configuration is unknown is unknown, never a role', async () => {
    const file = join(tmp, 'new.yaml');
    writeFileSync(
      file,
      `project: ${JSON.stringify(project)}\nscenarios:\n  - name: a user\n    login: \${module.auth.aws_cognito_user_pool.this.endpoint}\n    claims: {sub: s-1, aud: "\${module.auth.aws_cognito_user_pool_client.web.id}", token_use: id}\n    expect:\n      role: \${aws_iam_role.group["viewer"].arn}\n`,
    );
    const r = await testResults(file);
    expect(r).toEqual({ code: 1, results: [{ name: 'a user', status: 'fail', failures: ['unknown'] }] });
  });
});

describe('terraform: state.json (values, child modules, for_each)', () => {
  it('keycard test passes with ${module.auth...endpoint} and ${aws_iam_role.group["admin"].arn}', async () => {
    const r = await testResults(join(fixtures, 'state/scenarios/groups.yaml'));
    expect(r).toMatchObject({ code: 0, results: [{ status: 'pass' }, { status: 'pass' }] });
    const { code, doc } = await importJson(join(fixtures, 'state/keycard.yaml'));
    expect(code).toBe(0);
    expect(doc.references['module.auth.aws_cognito_user_pool.this.endpoint']).toMatchObject({
      value: 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Qw3Er5Ty7',
    });
    expect(doc.references['module.auth.aws_cognito_user_pool.this.endpoint']!.placeholder).toBeUndefined();
  });

  it('a reference that names nothing is an error at its line, with the closest name', async () => {
    const file = join(tmp, 'typo.yaml');
    writeFileSync(
      file,
      `project: ${JSON.stringify(join(fixtures, 'state/keycard.yaml'))}\nscenarios:\n  - name: typo\n    expect:\n      role: \${aws_iam_role.group["admn"].arn}\n`,
    );
    const r = await keycard(['test', file]);
    expect(r.code).toBe(3);
    expect(r.stdout + r.stderr).toContain('typo.yaml:5:');
    expect(r.stdout + r.stderr).toContain('did you mean `${aws_iam_role.group["admin"].arn}`?');
  });
});

describe('unresolved Terraform values never yield Allow or Deny', () => {
  it('keycard test fails each line that depends on one as unknown, and answers the others', async () => {
    const r = await testResults(join(fixtures, 'plan-unknown/scenarios/plan.yaml'));
    expect(r).toEqual({
      code: 1,
      results: [
        { name: 'editors edit shared notes', status: 'fail', failures: ['unknown', 'unknown', 'unknown'] },
        { name: 'users own their private notes', status: 'fail', failures: ['Unknown', 'Unknown'] },
        { name: 'guests read public/ only', status: 'pass', failures: [] },
        { name: 'the bucket policy refuses plain HTTP even to editors', status: 'fail', failures: ['unknown', 'unknown'] },
      ],
    });
  });

  it('values: keyed by address and attribute answers them, and every line is decided again', async () => {
    const dir = join(tmp, 'answered');
    mkdirSync(join(dir, 'scenarios'), { recursive: true });
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject'],
          Resource: 'arn:aws:s3:::notes-media-prod/private/${cognito-identity.amazonaws.com:sub}/*',
        },
      ],
    });
    writeFileSync(
      join(dir, 'keycard.yaml'),
      [
        'account: "123456789012"',
        'region: us-east-1',
        'from:',
        `  - terraform: ${JSON.stringify(join(fixtures, 'plan-unknown/plan.json'))}`,
        'values:',
        `  "aws_iam_role.user.inline_policy[0].policy": ${JSON.stringify(policy)}`,
        '  "aws_cognito_identity_pool_roles_attachment.notes.role_mapping[0].mapping_rule[0].role_arn": arn:aws:iam::123456789012:role/notes-editor',
        '',
      ].join('\n'),
    );
    copyFileSync(join(fixtures, 'plan-unknown/scenarios/plan.yaml'), join(dir, 'scenarios/plan.yaml'));
    const r = await testResults(join(dir, 'scenarios/plan.yaml'));
    expect(r).toMatchObject({ code: 0, results: [{ status: 'pass' }, { status: 'pass' }, { status: 'pass' }, { status: 'pass' }] });
  });

  it('keycard can says Unknown for a request an unknown policy decides', async () => {
    const dir = join(fixtures, 'plan-unknown');
    const r = await keycard(
      [
        'can',
        '--scenario',
        `${join(dir, 'scenarios/plan.yaml')}#users own their private notes`,
        's3:GetObject',
        'arn:aws:s3:::notes-media-prod/shared/todo.md',
        '--format',
        'json',
      ],
      { cwd: dir },
    );
    expect([r.code, (JSON.parse(r.stdout) as { decision: string; unresolved: string[] }).unresolved]).toEqual([
      1,
      ['aws_iam_role.user.inline_policy[0].policy'],
    ]);
    expect((JSON.parse(r.stdout) as { decision: string }).decision).toBe('Unknown');
  });
});

describe('bad Terraform input: one screen, file:line:col, exit 3', () => {
  const project = (json: string, name: string) => {
    writeFileSync(join(tmp, `${name}.json`), json);
    const file = join(tmp, `${name}.yaml`);
    writeFileSync(file, `account: "123456789012"\nregion: us-east-1\nfrom:\n  - terraform: ${name}.json\n`);
    return file;
  };

  it.each([
    ['a JSON syntax error', '{\n  "format_version": "1.2",\n  "planned_values": {,}\n}\n', 'syntax', /syntax\.json:3:\d+/, 'load_syntax'],
    ['JSON that is not terraform show output', '{"resources": []}\n', 'other', /other\.json:1:1/, 'import_terraform_json'],
    [
      'a resource without an address',
      '{"format_version": "1.0", "values": {"root_module": {"resources": [{"type": "aws_iam_role"}]}}}\n',
      'noaddr',
      /noaddr\.json:1:\d+/,
      'import_terraform_json',
    ],
  ])('%s', async (_what, json, name, where, code) => {
    const r = await keycard(['validate', project(json, name)]);
    expect(r.code).toBe(3);
    const out = r.stdout + r.stderr;
    expect(out).toMatch(where);
    expect(out).toContain(code);
    expect(out.split('\n').length).toBeLessThan(25);
    expect(out).not.toMatch(/\n\s+at .*\.js:\d+/); // no stack trace
  });

  it('a terraform: path that names nothing is reported where keycard.yaml names it', async () => {
    const file = join(tmp, 'missing.yaml');
    writeFileSync(file, `account: "123456789012"\nregion: us-east-1\nfrom:\n  - terraform: nowhere.json\n`);
    const r = await keycard(['import', '--project', file]);
    expect(r.code).toBe(3);
    expect(r.stdout + r.stderr).toMatch(/missing\.yaml:4:\d+/);
  });
});
