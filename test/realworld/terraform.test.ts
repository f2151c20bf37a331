// Real Terraform projects (../shared/realworld, read in place, never copied): each tf-* folder here
// has a keycard.yaml with `terraform: FOLDER` and scenarios reasoned in comments. The AWS provider's
// documentation page is a markdown file: its first ```terraform block is written to a temporary
// folder and run there. Skipped, with one line, where ../shared is absent.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keycard } from '../cli/helpers.js';
import { realworldDir } from '../../scripts/corpus.mjs';
import { loadProject } from '../../src/load/project.js';
import { runScenarioPaths } from '../../src/scenario/run.js';
import { ImportState } from '../../src/import/types.js';
import { readModuleFolder } from '../../src/import/terraform/hcl/index.js';

const realworld = realworldDir() ?? '';
const here = import.meta.dirname;
const dirs = readdirSync(here, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name.startsWith('tf-') && readdirSync(join(here, d.name)).includes('keycard.yaml'))
  .map((d) => d.name);

/** Values no file gives, per project: `keycard import` lists these and nothing else (none: every one is given). */
const UNRESOLVED: Record<string, string[]> = { 'tf-kujalk': [], 'tf-tdr': [], 'tf-islamelkadi': [] };

/** Why the suite cannot run here, or '' when it can. */
function skipReason(): string {
  return realworld === '' ? 'Terraform realworld projects skipped: ../shared/realworld is absent (set KEYCARD_REALWORLD)' : '';
}

// The evaluator alone (no collector needed): every project's folder evaluates without errors, and
// what the scenarios below rely on is there.
describe.skipIf(realworld === '')('Terraform realworld folders, evaluated', () => {
  const saved = process.env.KEYCARD_ALLOW_PATHS;
  beforeAll(() => {
    process.env.KEYCARD_ALLOW_PATHS = realworld;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.KEYCARD_ALLOW_PATHS;
    else process.env.KEYCARD_ALLOW_PATHS = saved;
  });
  const ROLES: Record<string, [address: string, roles: Record<string, string>]> = {
    'tf-kujalk': [
      'aws_cognito_identity_pool_roles_attachment.main',
      { authenticated: 'arn:aws:iam::123456789012:role/imgapp-cognito-authenticated-role' },
    ],
    'tf-tdr': [
      'aws_cognito_identity_pool_roles_attachment.main',
      {
        authenticated: 'arn:aws:iam::123456789012:role/test_Cognito_TDRIdentityPoolAuth_Role',
        unauthenticated: 'arn:aws:iam::123456789012:role/test_Cognito_TDRIdentityPoolUnauth_Role',
      },
    ],
    'tf-islamelkadi': [
      'module.identity_pool.aws_cognito_identity_pool_roles_attachment.this',
      {
        authenticated: 'arn:aws:iam::123456789012:role/acme-prod-app-identities-authenticated',
        unauthenticated: 'arn:aws:iam::123456789012:role/acme-prod-app-identities-unauthenticated',
      },
    ],
  };
  it.each(dirs)('%s: the folder evaluates without errors, and the pool gets its roles', (dir) => {
    const file = join(here, dir, 'keycard.yaml');
    const project = parse(readFileSync(file, 'utf8')) as {
      account: string;
      region: string;
      from: Record<string, unknown>[];
      values?: Record<string, unknown>;
    };
    const state = new ImportState({
      account: project.account,
      region: project.region,
      physicalIds: {},
      values: project.values ?? {},
      dir: join(here, dir),
      file,
    });
    const entry = project.from[0]!;
    const result = readModuleFolder(resolve(here, dir, String(entry.terraform)), entry, { state, seed: dir }, undefined);
    expect(state.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect([...state.unresolved.keys()]).toEqual(UNRESOLVED[dir]);
    const [address, roles] = ROLES[dir]!;
    expect(result.resources.find((r) => r.address === address)?.values.roles).toEqual(roles);
  });

  it('the AWS provider page example evaluates as a module folder, role mapping rules included', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'keycard-tf-doc-'));
    try {
      writeFileSync(join(tmp, 'main.tf'), providerDocBlock());
      const state = new ImportState({
        account: '123456789012',
        region: 'us-east-1',
        physicalIds: {},
        values: {},
        dir: tmp,
        file: join(tmp, 'keycard.yaml'),
      });
      const result = readModuleFolder(tmp, { terraform: '.' }, { state, seed: 'doc' }, undefined);
      expect([state.diagnostics.filter((d) => d.severity === 'error'), [...state.unresolved.keys()]]).toEqual([[], []]);
      const attachment = result.resources.find((r) => r.address === 'aws_cognito_identity_pool_roles_attachment.main')!.values;
      expect(attachment.role_mapping).toEqual([
        {
          identity_provider: 'graph.facebook.com',
          ambiguous_role_resolution: 'AuthenticatedRole',
          type: 'Rules',
          mapping_rule: [
            { claim: 'isAdmin', match_type: 'Equals', role_arn: 'arn:aws:iam::123456789012:role/cognito_authenticated', value: 'paid' },
          ],
        },
      ]);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});

/** The first ```terraform block of the AWS provider's page for aws_cognito_identity_pool_roles_attachment. */
function providerDocBlock(): string {
  const page = readFileSync(
    join(realworld, 'hashicorp__terraform-provider-aws/website/docs/r/cognito_identity_pool_roles_attachment.html.markdown'),
    'utf8',
  );
  const block = /```terraform\n([\s\S]*?)```/.exec(page)?.[1];
  if (!block) throw new Error('the provider page has no terraform block');
  return block;
}

const reason = skipReason();
if (reason) console.log(reason);

describe.skipIf(reason !== '')('Terraform realworld projects', () => {
  const env = { KEYCARD_ALLOW_PATHS: realworld };
  const savedAllow = process.env.KEYCARD_ALLOW_PATHS;
  const tmp = mkdtempSync(join(tmpdir(), 'keycard-tf-realworld-'));
  beforeAll(() => {
    process.env.KEYCARD_ALLOW_PATHS = realworld;
  });
  afterAll(() => {
    rmSync(tmp, { recursive: true, force: true });
    if (savedAllow === undefined) delete process.env.KEYCARD_ALLOW_PATHS;
    else process.env.KEYCARD_ALLOW_PATHS = savedAllow;
  });

  it.each(dirs)('%s imports without errors, with exactly the values no file gives', (dir) => {
    const project = loadProject(join(here, dir, 'keycard.yaml'));
    expect(project.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect((project.unresolved ?? []).map((u) => u.name)).toEqual(UNRESOLVED[dir] ?? []);
  });

  it.each(dirs)('the %s scenarios pass', async (dir) => {
    const run = await runScenarioPaths([join(here, dir, 'scenarios')]);
    expect(run.results.length).toBeGreaterThan(0);
    expect(run.results.filter((x) => x.status !== 'pass').map((x) => [x.name, x.error, x.failures.map((f) => f.message)])).toEqual([]);
  });

  it('the AWS provider page example, as a module folder, passes its scenarios', async () => {
    const block = providerDocBlock();
    const dir = join(tmp, 'provider-doc');
    mkdirSync(join(dir, 'infra'), { recursive: true });
    mkdirSync(join(dir, 'scenarios'), { recursive: true });
    writeFileSync(join(dir, 'infra', 'main.tf'), block);
    writeFileSync(join(dir, 'keycard.yaml'), 'account: "123456789012"\nregion: us-east-1\nfrom:\n  - terraform: infra\n');
    writeFileSync(join(dir, 'scenarios', 'users.yaml'), readFileSync(join(here, 'tf-provider-doc', 'scenarios', 'users.yaml')));
    const project = loadProject(join(dir, 'keycard.yaml'));
    expect(project.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(project.unresolved ?? []).toEqual([]);
    const run = await runScenarioPaths([join(dir, 'scenarios')]);
    expect(run.results.filter((x) => x.status !== 'pass').map((x) => [x.name, x.error, x.failures.map((f) => f.message)])).toEqual([]);
  });

  it('keycard test runs them through the CLI', async () => {
    const r = await keycard(['test', join(here, 'tf-kujalk', 'scenarios')], { env });
    expect(r.code, r.stdout).toBe(0);
  });
});
