// `keycard init`: finds infrastructure code, writes keycard.yaml with `from:` and starter scenarios
// that pass `keycard test` as written; without infrastructure code, a starter project that passes
// validate and test; never overwrites; asks nothing without a terminal.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keycard } from '../cli/helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'keycard-init-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const fixtures = join(import.meta.dirname, '../fixtures/import');

function dir(name: string): string {
  const d = join(tmp, name);
  mkdirSync(d, { recursive: true });
  return d;
}

describe('keycard init', () => {
  it('reads a template.yaml and writes scenarios that pass as written', async () => {
    const d = dir('sam');
    mkdirSync(join(d, 'infra'));
    copyFileSync(join(fixtures, 'notes/template.yaml'), join(d, 'infra/template.yaml'));
    const r = await keycard(['init'], { cwd: d });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(d, 'keycard.yaml'), 'utf8')).toContain('  - cloudformation: infra/template.yaml');
    const scenarios = readFileSync(join(d, 'scenarios/starter.yaml'), 'utf8');
    expect(scenarios).toContain('role: ${EditorRole.Arn}');
    expect(scenarios).toContain('role: ${UserRole.Arn}');
    expect(scenarios).toContain('role: ${DevGuestRole.Arn}');
    const t = await keycard(['test', 'scenarios', '--format', 'json'], { cwd: d });
    expect(t.code, t.stdout).toBe(0);
    expect((JSON.parse(t.stdout) as { results: unknown[] }).results.length).toBe(3);
  });

  it('finds a terraform show -json output and writes scenarios that pass as written', async () => {
    const d = dir('tfplan');
    mkdirSync(join(d, 'infra'));
    copyFileSync(join(fixtures, 'terraform/same-pool/plan/plan.json'), join(d, 'infra/plan.json'));
    writeFileSync(join(d, 'package.json'), '{"name": "app", "format_version": "not terraform"}\n');
    const r = await keycard(['init'], { cwd: d });
    expect([r.code, r.stdout.split('\n')[0]], r.stderr).toEqual([0, 'found terraform infra/plan.json']);
    const scenarios = readFileSync(join(d, 'scenarios/starter.yaml'), 'utf8');
    expect(scenarios).toContain('role: ${aws_iam_role.editor.arn}');
    expect(scenarios).toContain('login: ${aws_cognito_user_pool.notes.endpoint}');
    const t = await keycard(['test', 'scenarios', '--format', 'json'], { cwd: d });
    expect(t.code, t.stdout).toBe(0);
    expect((JSON.parse(t.stdout) as { results: unknown[] }).results.length).toBe(3);
  });

  it('finds a Terraform folder that declares an identity pool, through the root module that calls it', async () => {
    const d = dir('tffolder');
    mkdirSync(join(d, 'infra/modules/auth'), { recursive: true });
    mkdirSync(join(d, 'infra/modules/other'), { recursive: true });
    copyFileSync(join(fixtures, 'terraform/same-pool/tf/main.tf'), join(d, 'infra/modules/auth/main.tf'));
    writeFileSync(join(d, 'infra/main.tf'), 'module "auth" {\n  source = "./modules/auth"\n}\n');
    writeFileSync(join(d, 'infra/modules/other/main.tf'), 'resource "aws_s3_bucket" "b" {}\n');
    // A plan of the same pool is not read beside the folder: the folder is what will be deployed.
    copyFileSync(join(fixtures, 'terraform/same-pool/plan/plan.json'), join(d, 'plan.json'));
    const { findInfrastructure } = await import('../../src/cli/init-project.js');
    expect(findInfrastructure(d)).toEqual([{ kind: 'terraform', path: 'infra' }]);
  });

  it('without infrastructure code writes a starter project that passes validate and test', async () => {
    const d = dir('empty');
    expect((await keycard(['init'], { cwd: d })).code).toBe(0);
    expect((await keycard(['validate'], { cwd: d })).code).toBe(0);
    const t = await keycard(['test', 'scenarios'], { cwd: d });
    expect(t.code, t.stdout).toBe(0);
    expect(t.stdout).toContain('2 passed');
  });

  it('refuses to overwrite', async () => {
    const d = dir('existing');
    writeFileSync(join(d, 'keycard.yaml'), 'mine\n');
    const r = await keycard(['init'], { cwd: d });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('never overwrites');
    expect(readFileSync(join(d, 'keycard.yaml'), 'utf8')).toBe('mine\n');
    expect(existsSync(join(d, 'scenarios'))).toBe(false);
  });
});
