// issue 15 Must-show: no unresolved value ever yields Allow or Deny. An imported project whose
// role policy (Resource, Condition value, a Deny's Resource), bucket policy (Principal) and mapping
// rule (RoleARN) hold values no file gives, through every way a user asks: `keycard test`, `can`,
// `access` (text and JSON) and the library. Each decision that depends on one is Unknown and names
// it; the decisions that do not (the public/ read) are still answered.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accessMap, authorizeInSession, buildSession, loadProject, resolveRole, runScenarioPaths } from '../../src/index.js';
import { keycard } from '../cli/helpers.js';

const dir = join(import.meta.dirname, '../fixtures/import/unknown-iam');
const scenarios = join(dir, 'scenarios/unknown-iam.yaml');
const reader = ['--scenario', `${scenarios}#reader`];
const admin = ['--scenario', `${scenarios}#admin`];

/** Each request of the fixture whose decision depends on an unresolved value, with that value. */
const UNKNOWN: [action: string, resource: string, context: Record<string, string>, value: string][] = [
  ['s3:GetObject', 'arn:aws:s3:::shared-assets/logo.png', {}, 'Fn::ImportValue:shared-BucketName'],
  ['s3:ListBucket', 'arn:aws:s3:::app-media', { 's3:prefix': 'team/' }, 'Lookup.Prefix'],
  ['s3:DeleteObject', 'arn:aws:s3:::app-media/team/old.txt', {}, 'Lookup.ProtectedPrefix'],
  ['s3:PutObject', 'arn:aws:s3:::app-media/partner/feed.xml', {}, 'Fn::ImportValue:shared-PartnerRoleArn'],
];
const contextArgs = (c: Record<string, string>) => Object.entries(c).flatMap(([k, v]) => ['--context', `${k}=${v}`]);

describe('an unresolved value never yields Allow or Deny', () => {
  it('keycard test fails every line that depends on one, naming it and how to give it', async () => {
    const r = await keycard(['test', scenarios, '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { results: { name: string; failures: { actual: string; message: string }[] }[] };
    const messages = doc.results.flatMap((c) => c.failures.map((f) => [c.name, f.actual, /depends on `([^`]+)`/.exec(f.message)?.[1]]));
    expect(messages).toEqual([
      ['reader', 'Unknown', 'Fn::ImportValue:shared-BucketName'],
      ['reader', 'Unknown', 'Lookup.Prefix'],
      ['reader', 'Unknown', 'Fn::ImportValue:shared-PartnerRoleArn'],
      ['reader', 'Unknown', 'Lookup.ProtectedPrefix'],
      ['admin', 'unknown', 'Fn::ImportValue:shared-AdminRoleArn'],
      ['admin', 'unknown', 'Fn::ImportValue:shared-AdminRoleArn'],
    ]);
    // The public/ read depends on nothing unresolved: it passed, so it is no failure above.
    const text = await keycard(['test', scenarios], { cwd: dir });
    expect(text.stdout).toContain('give it under `values:`');
    expect(text.stdout).not.toContain('\u27EA'); // markers are shown by name, never raw
    expect(text.stdout).toContain('«unresolved Fn::ImportValue:shared-AdminRoleArn»');
  });

  it.each(UNKNOWN)('keycard can %s %s is Unknown (exit 1), in text and JSON', async (action, resource, context, value) => {
    const args = ['can', ...reader, action, resource, ...contextArgs(context)];
    const text = await keycard(args, { cwd: dir });
    expect([text.code, text.stdout.split('\n')[0]]).toEqual([1, `Unknown: ${action} on ${resource}`]);
    expect(text.stdout).toContain(`depends on \`${value}\`, which no file gives; give it under \`values:\``);
    const json = await keycard([...args, '--format', 'json'], { cwd: dir });
    const doc = JSON.parse(json.stdout) as { decision: string; unresolved: string[] };
    expect([json.code, doc.decision, doc.unresolved]).toEqual([1, 'Unknown', [value]]);
  });

  it('keycard can answers a request that depends on no unresolved value', async () => {
    const r = await keycard(['can', ...reader, 's3:GetObject', 'arn:aws:s3:::app-media/public/cat.jpg', '--format', 'json'], { cwd: dir });
    expect([r.code, (JSON.parse(r.stdout) as { decision: string }).decision]).toEqual([0, 'Allow']);
  });

  it('a user whose role is unresolved: can says Unknown (never ImplicitDeny) and access says why', async () => {
    const can = await keycard(['can', ...admin, 's3:GetObject', 'arn:aws:s3:::app-media/public/cat.jpg'], { cwd: dir });
    expect([can.code, can.stdout]).toEqual([
      1,
      expect.stringMatching(
        /^Unknown: the role this user gets is unknown: it depends on `Fn::ImportValue:shared-AdminRoleArn`, which no file gives/,
      ),
    ]);
    const canJson = JSON.parse(
      (await keycard(['can', ...admin, 's3:GetObject', 'arn:aws:s3:::app-media/public/cat.jpg', '-f', 'json'], { cwd: dir })).stdout,
    ) as Record<string, unknown>;
    expect(canJson).toMatchObject({ decision: 'Unknown', outcome: 'unknown', unresolved: ['Fn::ImportValue:shared-AdminRoleArn'] });
    const access = await keycard(['access', ...admin], { cwd: dir });
    expect([access.code, access.stderr]).toEqual([
      1,
      expect.stringContaining('the role this user gets is unknown: it depends on `Fn::ImportValue:shared-AdminRoleArn`'),
    ]);
    const accessJson = JSON.parse((await keycard(['access', ...admin, '-f', 'json'], { cwd: dir })).stdout) as Record<string, unknown>;
    expect(accessJson).toMatchObject({ outcome: 'unknown', unresolved: ['Fn::ImportValue:shared-AdminRoleArn'] });
  });

  it('keycard access marks each cell that depends on one `?`, in text and JSON', async () => {
    const json = JSON.parse((await keycard(['access', ...reader, '--format', 'json'], { cwd: dir })).stdout) as {
      entries: { action: string; target: { label: string }; decision: string }[];
      counts: { unknown?: number };
    };
    const cell = (action: string, label: string) => json.entries.find((e) => e.action === action && e.target.label === label)?.decision;
    expect(cell('s3:GetObject', 'app-media/public/*')).toBe('Allow');
    expect(cell('s3:ListBucket', 'app-media')).toBe('Unknown');
    expect(cell('s3:DeleteObject', 'app-media/* (any other key)')).toBe('Unknown');
    expect(cell('s3:PutObject', 'app-media/partner/*')).toBe('Unknown');
    // The shared bucket may be app-media itself: every read outside public/ is unknown too.
    expect(cell('s3:GetObject', 'app-media/partner/*')).toBe('Unknown');
    expect(json.counts.unknown).toBeGreaterThanOrEqual(5);
    const text = (await keycard(['access', ...reader], { cwd: dir })).stdout;
    expect(text).toMatch(/s3:ListBucket\s+\?/);
    expect(text).toContain('? unknown (depends on an unresolved value)');
  });

  it('the library gives the same Unknown decisions, naming the value', () => {
    const project = loadProject(join(dir, 'keycard.yaml'));
    const idp = project.identityPool.CognitoIdentityProviders![0]!;
    const claims = { sub: '11111111-2222-4333-8444-555555555555', aud: idp.ClientId, token_use: 'id' };
    const resolution = resolveRole(project, { login: idp.ProviderName, claims });
    expect(resolution.outcome).toBe('credentials');
    const session = buildSession(project, resolution);
    for (const [action, resource, context, value] of UNKNOWN) {
      const r = authorizeInSession(session, { action, resource, context }, { explain: true });
      expect([action, r.decision, r.unresolved]).toEqual([action, 'Unknown', [value]]);
    }
    expect(authorizeInSession(session, { action: 's3:GetObject', resource: 'arn:aws:s3:::app-media/public/a' }).decision).toBe('Allow');
    expect(accessMap(session).entries.filter((e) => e.decision === 'Unknown').length).toBeGreaterThanOrEqual(5);
    const adminRes = resolveRole(project, { login: idp.ProviderName, claims: { ...claims, 'cognito:groups': ['admins'] } });
    expect([adminRes.outcome, adminRes.role, adminRes.error, adminRes.unknown]).toEqual([
      'unknown',
      null,
      null,
      ['Fn::ImportValue:shared-AdminRoleArn'],
    ]);
  });

  it('runScenarioPaths reports the same failures as keycard test', async () => {
    const run = await runScenarioPaths([scenarios]);
    expect([run.summary.passed, run.summary.failed]).toEqual([0, 2]);
    expect(run.results.flatMap((c) => c.failures.map((f) => f.actual))).toEqual([
      'Unknown',
      'Unknown',
      'Unknown',
      'Unknown',
      'unknown',
      'unknown',
    ]);
  });
});
